// Evaluates JSONata cases with jsonata-js for TestOracle. Reads
// {"cases": [{"expr", "input", "vars"}]} on stdin, writes one result per
// case: {"value": ...}, {"undefined": true} or {"error": code}.
const jsonata = require('jsonata');

async function run(c) {
  try {
    const v = await jsonata(c.expr).evaluate(c.input, c.vars || {});
    if (v === undefined) return { undefined: true };
    if (typeof v === 'function') return { error: 'function' };
    return { value: JSON.parse(JSON.stringify(v)) };
  } catch (e) {
    return { error: e.code || String(e.message) };
  }
}

let data = '';
process.stdin.on('data', (d) => { data += d; });
process.stdin.on('end', async () => {
  const out = [];
  for (const c of JSON.parse(data).cases) out.push(await run(c));
  process.stdout.write(JSON.stringify(out));
});
