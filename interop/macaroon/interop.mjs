// Cross-checks Custos's third-party caveats and discharge binding against js-macaroon
// (github.com/go-macaroon/js-macaroon, the JavaScript port of go-macaroon, which LND's bakery
// uses), an implementation that shares no code with Custos (its secretbox is tweetnacl, its HMAC
// sjcl). Run through run.sh, which sets CUSTOS and INTEROP_WORK.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import macaroon from 'macaroon';

const env = name => {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set (run interop/macaroon/run.sh)`);
  return v;
};
const CUSTOS = env('CUSTOS');
const WORK = env('INTEROP_WORK');
const path = name => join(WORK, name);
const utf8 = s => new TextEncoder().encode(s);

let failures = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
  if (!ok) failures++;
};
const custos = (...args) => {
  const r = spawnSync(CUSTOS, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`custos ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};
const writeSecret = (name, bytes) => writeFileSync(path(name), bytes, { mode: 0o600 });
const load = name => macaroon.importMacaroon(new Uint8Array(readFileSync(path(name))));
// First-party caveats Custos writes in discharges here: time-before in RFC 3339.
const checkCaveat = cond => {
  if (cond.startsWith('time-before ')) {
    return new Date(cond.slice('time-before '.length)) > new Date() ? null : 'expired';
  }
  return 'unknown caveat';
};
const verifies = (m, rootKey, discharges) => {
  try {
    m.verify(rootKey, checkCaveat, discharges);
    return [true, ''];
  } catch (e) {
    return [false, e.message];
  }
};

// 1. js-macaroon mints a root macaroon with a third-party caveat (its own secretbox sealing).
const rootKey = randomBytes(32);
const jsCaveatKey = randomBytes(32);
const root = macaroon.newMacaroon({ identifier: utf8('interop-root'), location: 'lnd', rootKey, version: 2 });
root.addThirdPartyCaveat(jsCaveatKey, utf8('js-ticket'), 'https://js-approver.example');
writeFileSync(path('root-js.macaroon'), root.exportBinary());
writeSecret('js-ticket.key', jsCaveatKey);

// 2. Custos mints and binds the discharge; js-macaroon verifies the whole chain.
custos('macaroon', 'discharge', '--caveat-key-file', path('js-ticket.key'), '--caveat-id', 'js-ticket',
  '--bind-to', path('root-js.macaroon'), '--timeout', '600', '--out', path('js-ticket.discharge'));
const custosDischarge = load('js-ticket.discharge');
check('discharge by Custos has the caveat id and the caveat location',
  new TextDecoder().decode(custosDischarge.identifier) === 'js-ticket' && custosDischarge.location === 'https://js-approver.example');
let [ok, why] = verifies(load('root-js.macaroon'), rootKey, [custosDischarge]);
check('js-macaroon accepts the root with the discharge Custos bound to it', ok, why);
[ok, why] = verifies(load('root-js.macaroon'), rootKey, []);
check('js-macaroon refuses the root without a discharge', !ok, why);

// 3. Custos adds a third-party caveat (its secretbox sealing); js-macaroon discharges and verifies.
const custosCaveatKey = randomBytes(32);
writeSecret('custos-ticket.key', custosCaveatKey);
custos('macaroon', 'constrain', '--in', path('root-js.macaroon'), '--out', path('root-custos.macaroon'),
  '--third-party', 'https://custos-approver.example', '--caveat-key-file', path('custos-ticket.key'),
  '--caveat-id', 'custos-ticket');
const root2 = load('root-custos.macaroon');
const jsDischarge = (key, id, location) => {
  const d = macaroon.newMacaroon({ identifier: utf8(id), location, rootKey: key, version: 2 });
  d.bindToRoot(root2.signature);
  return d;
};
const d1 = jsDischarge(jsCaveatKey, 'js-ticket', 'https://js-approver.example');
const d2 = jsDischarge(custosCaveatKey, 'custos-ticket', 'https://custos-approver.example');
[ok, why] = verifies(root2, rootKey, [d1, d2]);
check('js-macaroon opens the caveat key Custos sealed and accepts its bound discharges', ok, why);
[ok, why] = verifies(root2, rootKey, [d1, jsDischarge(randomBytes(32), 'custos-ticket', 'x')]);
check('js-macaroon refuses a discharge made with another caveat key', !ok, why);
[ok, why] = verifies(root2, rootKey, [custosDischarge, d2]);
check('js-macaroon refuses a Custos discharge bound to another root', !ok, why);

// 4. Custos binds a discharge to the constrained root; js-macaroon accepts it next to its own.
custos('macaroon', 'discharge', '--caveat-key-file', path('custos-ticket.key'), '--caveat-id', 'custos-ticket',
  '--bind-to', path('root-custos.macaroon'), '--out', path('custos-ticket.discharge'));
[ok, why] = verifies(root2, rootKey, [d1, load('custos-ticket.discharge')]);
check('js-macaroon accepts a Custos discharge bound to the root Custos constrained', ok, why);

if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all macaroon interop checks passed');
