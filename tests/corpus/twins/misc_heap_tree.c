/* twin of misc_heap_tree */
#include "toy_rt.h"

struct Node {
  int64_t key;
  struct Node *left, *right;
};

static struct Node* insert(struct Node* root, int64_t key) {
  if (root == NULL) {
    struct Node* n = malloc(sizeof(struct Node));
    *n = (struct Node){key, NULL, NULL};
    return n;
  }
  if (key < root->key)
    root->left = insert(root->left, key);
  else
    root->right = insert(root->right, key);
  return root;
}

static int64_t visited = 0;

static void visit(int64_t key) {
  visited = visited * 7 + key;
  printf("%ld ", key);
}

static void walk(struct Node* n, void (*f)(int64_t)) {
  if (n == NULL) return;
  walk(n->left, f);
  f(n->key);
  walk(n->right, f);
}

static int64_t height(struct Node* n) {
  if (n == NULL) return 0;
  int64_t l = height(n->left), r = height(n->right);
  return l > r ? l + 1 : r + 1;
}

static void release(struct Node* n) {
  if (n == NULL) return;
  release(n->left);
  release(n->right);
  free(n);
}

int main(void) {
  struct Node* root = NULL;
  int64_t x = 7;
  for (int k = 0; k < 15; k++) {
    x = (x * 37 + 11) % 101;
    root = insert(root, x);
  }
  walk(root, visit);
  int64_t h = height(root);
  printf("\nheight=%ld visited=%ld\n", h, visited);
  release(root);
  return (int32_t)((visited % 200) + h);
}
