// Makes custos-core/src/test/resources/vectors/bolt11/npm-bolt11-fixtures.json.
// Invoices are encoded and signed by the bolt11 npm package (RFC 6979 signatures through its
// secp256k1 dependency, so rerunning gives the same bytes), and every expected field is what
// bolt11's own decode() reads back; the BOLT 11 examples are decoded by it too. Nothing here comes
// from Custos. Usage: interop/bolt11/make-fixtures.sh (writes the file) or run.sh (checks it).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const bolt11 = require('bolt11');
const bech32 = require('bech32');
const secp256k1 = require('secp256k1');
const createHash = require('create-hash');

const here = dirname(fileURLToPath(import.meta.url));
const sha256 = (b) => createHash('sha256').update(b).digest();
const key = (label) => sha256(Buffer.from('custos bolt11 fixture key ' + label, 'utf8'));
const hash = (label) => sha256(Buffer.from('custos bolt11 fixture ' + label, 'utf8')).toString('hex');
const pub = (sk) => Buffer.from(secp256k1.publicKeyCreate(sk, true)).toString('hex');

const NETWORKS = {
  bc: { bech32: 'bc', pubKeyHash: 0x00, scriptHash: 0x05, validWitnessVersions: [0, 1] },
  tb: { bech32: 'tb', pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] },
  tbs: { bech32: 'tbs', pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] },
  bcrt: { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] },
};
const FEATURE_ORDER = ['option_data_loss_protect', 'initial_routing_sync', 'option_upfront_shutdown_script', 'gossip_queries',
  'var_onion_optin', 'gossip_queries_ex', 'option_static_remotekey', 'payment_secret', 'basic_mpp', 'option_support_large_channel'];
const TIMESTAMP = 1767225600; // 2026-01-01T00:00:00Z

// bolt11's decode() as plain fields; defaults of absent x and c are BOLT 11's (3600, 18).
function fields(invoice, network) {
  const d = bolt11.decode(invoice, network);
  const tag = (name) => d.tags.filter((t) => t.tagName === name).map((t) => t.data);
  const one = (name) => (tag(name).length ? tag(name)[0] : null);
  const features = [];
  const fb = one('feature_bits');
  if (fb) {
    FEATURE_ORDER.forEach((name, i) => {
      if (fb[name].required) features.push(2 * i);
      if (fb[name].supported) features.push(2 * i + 1);
    });
    fb.extra_bits.bits.forEach((set, i) => { if (set) features.push(fb.extra_bits.start_bit + i); });
  }
  const unknown = d.tags.filter((t) => t.tagName === 'unknownTag').map((t) => ({
    tagCode: t.data.tagCode, words: bech32.decode(t.data.words, Number.MAX_SAFE_INTEGER).words }));
  const metadata = unknown.filter((u) => u.tagCode === 27)
    .map((u) => wordsToBytes(u.words, false).toString('hex'));
  return {
    network: d.network.bech32,
    millisatoshis: d.millisatoshis,
    timestamp: d.timestamp,
    payeeNodeKey: d.payeeNodeKey,
    payeeStated: one('payee_node_key') !== null,
    signature: d.signature,
    recoveryFlag: d.recoveryFlag,
    paymentHash: one('payment_hash'),
    paymentSecret: one('payment_secret'),
    description: one('description'),
    descriptionHash: one('purpose_commit_hash'),
    expiry: one('expire_time') ?? 3600,
    minFinalCltvExpiryDelta: one('min_final_cltv_expiry') ?? 18,
    fallbacks: tag('fallback_address').map((f) => ({ code: f.code, addressHash: f.addressHash })),
    routes: tag('routing_info'),
    featureBits: features.sort((a, b) => a - b),
    metadata: metadata.length ? metadata[0] : null,
    skippedTypes: unknown.filter((u) => u.tagCode !== 27).map((u) => u.tagCode),
  };
}

const cases = [];
function add(description, invoice, network) {
  try {
    cases.push({ id: cases.length, description, invoice, valid: true, expected: fields(invoice, network) });
  } catch (e) {
    cases.push({ id: cases.length, description, invoice, valid: false, error: e.message });
  }
}

function make({ net = 'bcrt', millisatoshis, tags, signer = 'payee' }) {
  const encoded = bolt11.encode({ network: NETWORKS[net], timestamp: TIMESTAMP, millisatoshis, tags }, false);
  return bolt11.sign(encoded, key(signer).toString('hex')).paymentRequest;
}

const base = (label) => [
  { tagName: 'payment_hash', data: hash(label) },
  { tagName: 'payment_secret', data: hash('secret ' + label) },
  { tagName: 'description', data: 'custos fixture ' + label },
  { tagName: 'feature_bits', data: { word_length: 4, var_onion_optin: { required: false, supported: true },
    payment_secret: { required: true, supported: false } } },
];

// Prefixes and amounts (each multiplier, the shortest form bolt11 picks).
for (const net of Object.keys(NETWORKS)) {
  add(`network ${net}, no amount`, make({ net, tags: base('net ' + net) }), NETWORKS[net]);
}
for (const msat of ['100000000000', '250000000', '1000', '1', '10', '967878534', '123456789012', '2100000000000000000']) {
  add(`amount ${msat} msat`, make({ millisatoshis: msat, tags: base('amount ' + msat) }), NETWORKS.bcrt);
}
// Optional fields.
add('expiry 60 s, min_final_cltv_expiry_delta 144', make({ millisatoshis: '50000000',
  tags: [...base('x c'), { tagName: 'expire_time', data: 60 }, { tagName: 'min_final_cltv_expiry', data: 144 }] }), NETWORKS.bcrt);
add('expiry one week', make({ millisatoshis: '50000000', tags: [...base('week'), { tagName: 'expire_time', data: 604800 }] }), NETWORKS.bcrt);
add('description hash instead of a description', make({ millisatoshis: '1000000', tags: [
  { tagName: 'payment_hash', data: hash('h') }, { tagName: 'payment_secret', data: hash('secret h') },
  { tagName: 'purpose_commit_hash', data: 'a long order text kept elsewhere' },
  { tagName: 'feature_bits', data: { word_length: 4, var_onion_optin: { supported: true }, payment_secret: { supported: true } } }] }),
  NETWORKS.bcrt);
add('UTF-8 description', make({ millisatoshis: '1000000', tags: [...base('utf8').slice(0, 2),
  { tagName: 'description', data: 'Grüße, 支払い ⚡ 🙂' }, base('utf8')[3]] }), NETWORKS.bcrt);
add('payee node id stated (n)', make({ millisatoshis: '2000000', tags: [...base('n'), { tagName: 'payee_node_key', data: pub(key('payee')) }] }),
  NETWORKS.bcrt);
add('basic_mpp and an unknown odd feature', make({ millisatoshis: '2000000', tags: [...base('mpp').slice(0, 3),
  { tagName: 'feature_bits', data: { word_length: 8, var_onion_optin: { required: true }, payment_secret: { required: true },
    basic_mpp: { supported: true }, extra_bits: { start_bit: 20, bits: [false, false, false, false, false, false, false, false, false, false, false, true], has_required: false } } }] }),
  NETWORKS.bcrt);
add('fallbacks P2PKH, P2SH, P2WPKH, P2WSH, P2TR', make({ net: 'bc', millisatoshis: '3000000', tags: [...base('fallbacks'),
  { tagName: 'fallback_address', data: { code: 17, addressHash: hash('pkh').slice(0, 40) } },
  { tagName: 'fallback_address', data: { code: 18, addressHash: hash('sh').slice(0, 40) } },
  { tagName: 'fallback_address', data: { code: 0, addressHash: hash('wpkh').slice(0, 40) } },
  { tagName: 'fallback_address', data: { code: 0, addressHash: hash('wsh') } },
  { tagName: 'fallback_address', data: { code: 1, addressHash: hash('tr') } }] }), NETWORKS.bc);
const hop = (label, scid, base, prop, cltv) => ({ pubkey: pub(key('hop ' + label)), short_channel_id: scid,
  fee_base_msat: base, fee_proportional_millionths: prop, cltv_expiry_delta: cltv });
add('two route hints, one of two hops', make({ millisatoshis: '4000000', tags: [...base('routes'),
  { tagName: 'routing_info', data: [hop('a', '0008c90000010001', 1000, 100, 40)] },
  { tagName: 'routing_info', data: [hop('b', 'ffffffffffffffff', 4294967295, 4294967295, 65535), hop('c', '0000000000000000', 0, 0, 0)] }] }),
  NETWORKS.bcrt);

// Refused: a signature that does not verify against the stated payee node id.
{
  const encoded = bolt11.encode({ network: NETWORKS.bcrt, timestamp: TIMESTAMP, millisatoshis: '2000000',
    tags: [...base('wrong n'), { tagName: 'payee_node_key', data: pub(key('someone else')) }] }, false);
  const words = bech32.decode(encoded.wordsTemp, Number.MAX_SAFE_INTEGER).words;
  const digest = sha256(Buffer.concat([Buffer.from(encoded.prefix, 'utf8'), wordsToBytes(words, true)]));
  const sig = secp256k1.ecdsaSign(digest, key('payee'));
  const sigWords = bech32.toWords(Buffer.concat([Buffer.from(sig.signature), Buffer.from([sig.recid])]));
  add('n names another key than the signer', bech32.encode(encoded.prefix, words.concat(sigWords), Number.MAX_SAFE_INTEGER), NETWORKS.bcrt);
}
// The amount of a signed invoice changed: with n the signature fails; without n another key recovers.
{
  const signedN = make({ millisatoshis: '2000000', tags: [...base('tampered n'), { tagName: 'payee_node_key', data: pub(key('payee')) }] });
  add('amount changed after signing, n stated', retag(signedN, 'lnbcrt20u', 'lnbcrt30u'), NETWORKS.bcrt);
  const signed = make({ millisatoshis: '2000000', tags: base('tampered') });
  add('amount changed after signing, payee recovered', retag(signed, 'lnbcrt20u', 'lnbcrt30u'), NETWORKS.bcrt);
}

// The BOLT 11 examples (except the one whose fields must be skipped, which bolt11 does not skip).
const examples = readFileSync(join(here, '../../custos-core/src/test/resources/vectors/bolt11/11-payment-encoding-examples.md'), 'utf8')
  .split('\n');
let inValid = false;
let title = '';
for (const line of examples) {
  if (line === '# Examples') inValid = true;
  else if (line === '# Examples of Invalid Invoices') inValid = false;
  else if (line.startsWith('> #')) title = line.replace(/^> #+ /, '');
  else if (inValid && line.startsWith('> ') && !title.startsWith('Same, but including fields which must be ignored')) {
    add('BOLT 11 example: ' + title, line.slice(2));
  }
}

// 5-bit words to bytes: the signed data is padded with zero bits, a field's data is truncated.
function wordsToBytes(words, pad) {
  let acc = 0; let bits = 0; const out = [];
  for (const w of words) { acc = (acc << 5) | w; bits += 5; while (bits >= 8) { bits -= 8; out.push((acc >> bits) & 0xff); } acc &= (1 << bits) - 1; }
  if (pad && bits > 0) out.push((acc << (8 - bits)) & 0xff);
  return Buffer.from(out);
}
function retag(invoice, from, to) {
  const d = bech32.decode(invoice, Number.MAX_SAFE_INTEGER);
  if (d.prefix !== from) throw new Error(`expected prefix ${from}, got ${d.prefix}`);
  return bech32.encode(to, d.words, Number.MAX_SAFE_INTEGER);
}

process.stdout.write(JSON.stringify({
  generator: 'interop/bolt11/make-fixtures.mjs with bolt11 1.4.1 (secp256k1 ' + require('secp256k1/package.json').version + ')',
  cases,
}, null, 2) + '\n');
