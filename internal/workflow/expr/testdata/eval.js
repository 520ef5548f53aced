// Evaluates JSONata expressions with the reference implementation for
// eval_test.go: reads [{expr, bindings}] on stdin, writes
// [{value, undefined} | {error}] on stdout. $parse is Step Functions'.
const jsonata = require(process.argv[2]);
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', async () => {
  const out = [];
  for (const c of JSON.parse(input)) {
    try {
      const e = jsonata(c.expr);
      e.registerFunction('parse', (s) => JSON.parse(s), '<s:x>');
      const v = await e.evaluate({}, c.bindings);
      out.push({ value: v === undefined ? null : v, undefined: v === undefined });
    } catch (err) {
      out.push({ error: String((err && err.message) || err) });
    }
  }
  process.stdout.write(JSON.stringify(out));
});
