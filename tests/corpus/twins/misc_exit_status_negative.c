/* twin of misc_exit_status_negative */
int main(void) { return -1; }
