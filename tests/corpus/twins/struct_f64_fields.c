/* twin of struct_f64_fields */
#include "toy_rt.h"

struct Particle {
  double mass;
  int32_t id;
  double x, y;
  uint16_t hits;
};

static struct Particle step(struct Particle p, double dt) {
  struct Particle q = p;
  q.x += dt * 2.0;
  q.y -= dt * q.mass;
  q.hits = (uint16_t)(q.hits + 1);
  return q;
}

static double energy(struct Particle* p) { return 0.5 * p->mass * (p->x * p->x + p->y * p->y); }

int main(void) {
  struct Particle p = {2.5, 7, 0.0, 10.0, 65534};
  for (int i = 0; i < 3; i++) p = step(p, 0.25);
  double e = energy(&p);
  printf("id=%d x=%.17g y=%.17g hits=%u e=%.17g\n", p.id, p.x, p.y, p.hits, e);
  return F2I(int32_t, e) + (int32_t)p.hits;
}
