void report_a(void);
void report_b(void);
void report_c(void);

int main(void) {
  report_a();
  report_b();
  report_c();
  return 0;
}
