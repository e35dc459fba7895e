/* JIT test program: calls functions nothing defines, so loading must fail
   with an error naming them. */
extern int tide_test_missing_function(void);
extern int tide_test_other_missing(int);

int main(void) { return tide_test_missing_function() + tide_test_other_missing(1); }
