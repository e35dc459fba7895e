/* twin of misc_exit_status_mod */
int main(void) { return 300; }
