// Makes custos-core/src/test/resources/vectors/bip137/bitcoinjs-message-fixtures.json.
// Every signature is made by bitcoinjs-message (RFC 6979, deterministic), and every "valid"
// field is bitcoinjs-message's own verify() verdict, so the expected values never come from
// Custos. Addresses are computed here with bs58check/bech32 over hash160 of the public key.
// Usage: interop/bip137/make-fixtures.sh   (writes the file; rerunning gives the same bytes)
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const message = require('bitcoinjs-message');
const secp256k1 = require('secp256k1');
const bs58check = require('bs58check');
const bech32 = require('bech32');
const createHash = require('create-hash');

const sha256 = (b) => createHash('sha256').update(b).digest();
const hash160 = (b) => createHash('ripemd160').update(sha256(b)).digest();
const privateKey = (label) => sha256(Buffer.from('custos bip137 fixture key ' + label, 'utf8'));

const NETWORKS = {
  mainnet: { p2pkh: 0x00, p2sh: 0x05, hrp: 'bc' },
  testnet: { p2pkh: 0x6f, p2sh: 0xc4, hrp: 'tb' },
};

function address(kind, publicKey, network) {
  const n = NETWORKS[network];
  const h = hash160(publicKey);
  switch (kind) {
    case 'p2pkh': return bs58check.encode(Buffer.concat([Buffer.from([n.p2pkh]), h]));
    case 'p2sh-p2wpkh': return bs58check.encode(Buffer.concat([Buffer.from([n.p2sh]), hash160(Buffer.concat([Buffer.from('0014', 'hex'), h]))]));
    case 'p2wpkh': return bech32.encode(n.hrp, [0].concat(bech32.toWords(h)));
    default: throw new Error(kind);
  }
}

// bitcoinjs-message's verdicts; an exception (bad header, bad length, no recovery) is "invalid".
// "valid" is strict BIP-137. "validSegwitAlways" is its verdict with checkSegwitAlways, the
// Electrum/Trezor/Coldcard (before 5.1.0) convention of a compressed-P2PKH header (31..34) for a
// segwit address; null where that option does not apply (any other header).
function verdict(msg, addr, sigBase64, segwitAlways) {
  try {
    return message.verify(msg, addr, sigBase64, null, segwitAlways);
  } catch (e) {
    return false;
  }
}
function judge(msg, addr, sigBase64) {
  const bytes = Buffer.from(sigBase64, 'base64');
  const compressedP2pkhHeader = bytes.length === 65 && bytes[0] >= 31 && bytes[0] <= 34;
  return { valid: verdict(msg, addr, sigBase64, false),
    validSegwitAlways: compressedP2pkhHeader ? verdict(msg, addr, sigBase64, true) : null };
}

const MESSAGES = [
  '',
  'Hello World',
  'custos/v1 approve spend mainnet request=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 expires=2026-06-01T12:00:00Z summary=send 1.25000000 BTC',
  'UTF-8: \u00f6\u00e4\u00fc \u6d4b\u8bd5 \ud83d\ude04',
  'x'.repeat(300), // a 3-byte CompactSize length prefix
];

const cases = [];
const add = (c) => cases.push({ ...c, id: cases.length });

// Valid signatures: each address kind with its BIP-137 header range, plus the Electrum/Trezor
// convention (compressed-P2PKH header 31..34 for segwit addresses, verified with checkSegwitAlways).
const KINDS = [
  { kind: 'p2pkh', compressed: false, opts: {}, convention: 'bip137' },
  { kind: 'p2pkh', compressed: true, opts: {}, convention: 'bip137' },
  { kind: 'p2sh-p2wpkh', compressed: true, opts: { segwitType: 'p2sh(p2wpkh)' }, convention: 'bip137' },
  { kind: 'p2wpkh', compressed: true, opts: { segwitType: 'p2wpkh' }, convention: 'bip137' },
  { kind: 'p2sh-p2wpkh', compressed: true, opts: {}, convention: 'electrum' },
  { kind: 'p2wpkh', compressed: true, opts: {}, convention: 'electrum' },
];

let keyIndex = 0;
for (const network of ['mainnet', 'testnet']) {
  for (const k of KINDS) {
    MESSAGES.forEach((msg, i) => {
      if (network === 'testnet' && i > 1) return;
      const sk = privateKey(String(keyIndex++));
      const pub = Buffer.from(secp256k1.publicKeyCreate(sk, k.compressed));
      const pubCompressed = Buffer.from(secp256k1.publicKeyCreate(sk, true));
      const addr = address(k.kind, pub, network);
      const sig = message.sign(msg, sk, k.compressed, k.opts).toString('base64');
      add({ addressType: k.kind, description: `${k.kind} ${k.compressed ? 'compressed' : 'uncompressed'} ${k.convention} header`, network,
        message: msg, address: addr, publicKey: pubCompressed.toString('hex'), header: Buffer.from(sig, 'base64')[0],
        signature: sig, ...judge(msg, addr, sig) });
    });
  }
}

// Negative cases, each a one-step change to a valid signature from above.
const base = cases.filter((c) => (c.valid || c.validSegwitAlways) && c.network === 'mainnet' && c.message === 'Hello World');
for (const c of base) {
  add({ ...c, description: `${c.description}: wrong message`, message: 'Hello World!', ...judge('Hello World!', c.address, c.signature) });
  const other = cases.find((o) => o.address !== c.address && o.network === c.network && o.description === c.description);
  add({ ...c, description: `${c.description}: address of another key`, address: other.address, addressType: other.addressType,
    ...judge(c.message, other.address, c.signature) });
  for (const at of [1, 33, 64]) {
    const bytes = Buffer.from(c.signature, 'base64');
    bytes[at] ^= 0x01;
    const flipped = bytes.toString('base64');
    add({ ...c, description: `${c.description}: byte ${at} flipped`, signature: flipped, header: bytes[0],
      ...judge(c.message, c.address, flipped) });
  }
}
// The header names a script type that is not the address's: same key, other address kind.
for (const [from, toKind] of [[base[3], 'p2pkh'], [base[2], 'p2wpkh'], [base[1], 'p2wpkh']]) {
  const sig = Buffer.from(from.signature, 'base64');
  const recovered = Buffer.from(secp256k1.recover(message.magicHash(from.message), sig.subarray(1), (sig[0] - 27) & 3, true));
  const addr = address(toKind, recovered, from.network);
  add({ ...from, description: `header ${from.header} (${from.description}) over the ${toKind} address of the same key`, address: addr, addressType: toKind,
    ...judge(from.message, addr, from.signature) });
}
const one = base[1];
for (const header of [0, 26, 43, 255]) {
  const bytes = Buffer.from(one.signature, 'base64');
  bytes[0] = header;
  add({ ...one, description: `header byte ${header} out of range`, signature: bytes.toString('base64'), header, ...judge(one.message, one.address, bytes.toString('base64')) });
}
for (const [what, sig] of [
  ['not base64', one.signature.replace(/[+/]/g, '!')],
  ['64 bytes', Buffer.from(one.signature, 'base64').subarray(0, 64).toString('base64')],
  ['66 bytes', Buffer.concat([Buffer.from(one.signature, 'base64'), Buffer.from([0])]).toString('base64')],
  ['empty', ''],
  ['whitespace inside', one.signature.slice(0, 10) + ' ' + one.signature.slice(10)],
]) {
  add({ ...one, description: `malformed signature: ${what}`, signature: sig, header: null, valid: false, validSegwitAlways: null });
}

process.stdout.write(JSON.stringify({
  generator: 'interop/bip137/make-fixtures.mjs with bitcoinjs-message 2.2.0 (secp256k1 3.8.1)',
  cases,
}, null, 2) + '\n');
