/** The tally of the e2e run: one line per check, `N passed, N failed` at the end. */
export class Report {
  private passed = 0;
  private failed = 0;
  private readonly failures: string[] = [];

  say(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  pass(what: string): void {
    this.passed += 1;
    this.say(`  ok    ${what}`);
  }

  fail(what: string, why: string): void {
    this.failed += 1;
    this.failures.push(`${what}: ${why}`);
    this.say(`  FAIL  ${what}\n        ${why.trim().split("\n").join("\n        ")}`);
  }

  /** Records a pass when `why` is undefined, a failure otherwise. */
  check(what: string, why: string | undefined): boolean {
    if (why === undefined) this.pass(what);
    else this.fail(what, why);
    return why === undefined;
  }

  get failedCount(): number {
    return this.failed;
  }

  summary(): string {
    const lines = this.failures.length > 0 ? ["", "Failures:", ...this.failures.map((f) => `  - ${f.split("\n")[0]}`), ""] : [""];
    return [...lines, `${this.passed} passed, ${this.failed} failed`].join("\n");
  }
}
