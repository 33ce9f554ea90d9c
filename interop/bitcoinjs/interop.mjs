// Builds PSBTs with bitcoinjs-lib for the accounts of a Custos keystore, has `custos psbt inspect`
// and `custos psbt sign` process them, and verifies the signatures with bitcoinjs-lib and the
// noble-based @bitcoinerlab/secp256k1 (not libsecp256k1, which Custos uses).
// Run through run.sh, which prepares the keystore and the environment variables read below.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as bitcoin from 'bitcoinjs-lib';
import { BIP32Factory } from 'bip32';
import * as bip39 from 'bip39';
import ecc from '@bitcoinerlab/secp256k1';

bitcoin.initEccLib(ecc);
const bip32 = BIP32Factory(ecc);
const network = bitcoin.networks.regtest;

const env = name => {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set (run interop/bitcoinjs/run.sh)`);
  return v;
};
const CUSTOS = env('CUSTOS');
const DATA_DIR = env('CUSTOS_DATA_DIR');
const PASSPHRASE_ENV = env('CUSTOS_PASSPHRASE_ENV');
const WORK = env('INTEROP_WORK');
const descriptors = JSON.parse(readFileSync(env('CUSTOS_DESCRIPTORS'), 'utf8'));
const mnemonic = readFileSync(env('CUSTOS_MNEMONIC_FILE'), 'utf8').trim();

const FEE = 1000n;
const hex = b => Buffer.from(b).toString('hex');
const sha256 = s => createHash('sha256').update(s).digest();
const masterFingerprint = Buffer.from(descriptors.masterFingerprint, 'hex');
const account = type => {
  const a = descriptors.accounts.find(x => x.type === type);
  if (!a) throw new Error(`descriptors JSON has no ${type} account`);
  return { ...a, node: bip32.fromBase58(a.xpub, network) };
};

// A key held by bitcoinjs only (its own seed and fingerprint), for the multisig and the payee.
const bjsRoot = bip32.fromSeed(sha256('custos-interop bitcoinjs cosigner seed'), network);
const bjsPath = "m/48'/1'/0'/2'/0/0";
const bjsKey = bjsRoot.derivePath(bjsPath);
const payee = bitcoin.payments.p2wpkh({ pubkey: bjsRoot.derivePath("m/84'/1'/0'/0/0").publicKey, network });

// ECDSA signatures must also be low-S (strict), as Bitcoin Core's standardness rules require.
const validator = (pubkey, msghash, signature) =>
  pubkey.length === 32 ? ecc.verifySchnorr(msghash, pubkey, signature) : ecc.verify(msghash, pubkey, signature, true);

function custos(args) {
  const r = spawnSync(CUSTOS, args, { encoding: 'utf8', env: process.env, timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function check(cond, what) {
  if (!cond) throw new Error(what);
}

function fundingTx(label, script, value) {
  const tx = new bitcoin.Transaction();
  tx.version = 2;
  tx.addInput(sha256(`custos-interop funding ${label}`), 0);
  tx.addOutput(script, value);
  return tx;
}

/** Derivation entry for a key of a Custos account at branch/index. */
function origin(acct, branch, index) {
  const key = acct.node.derive(branch).derive(index);
  return { key, path: `${acct.path}/${branch}/${index}`, pubkey: key.publicKey };
}

/** The script, PSBT input fields and PSBT change-output fields of one single-key account type. */
const singleKey = {
  BIP44: o => {
    const p = bitcoin.payments.p2pkh({ pubkey: o.pubkey, network });
    return { payment: p, input: {}, output: {}, deriv: 'ecdsa' };
  },
  BIP49: o => {
    const inner = bitcoin.payments.p2wpkh({ pubkey: o.pubkey, network });
    const p = bitcoin.payments.p2sh({ redeem: inner, network });
    return { payment: p, input: { redeemScript: inner.output }, output: { redeemScript: inner.output }, deriv: 'ecdsa' };
  },
  BIP84: o => {
    const p = bitcoin.payments.p2wpkh({ pubkey: o.pubkey, network });
    return { payment: p, input: {}, output: {}, deriv: 'ecdsa' };
  },
  BIP86: o => {
    const internal = bitcoin.toXOnly(o.pubkey);
    const p = bitcoin.payments.p2tr({ internalPubkey: internal, network });
    return { payment: p, input: { tapInternalKey: internal }, output: { tapInternalKey: internal }, deriv: 'schnorr' };
  },
};

function derivationFields(kind, o) {
  return kind === 'schnorr'
    ? { tapBip32Derivation: [{ masterFingerprint, pubkey: bitcoin.toXOnly(o.pubkey), path: o.path, leafHashes: [] }] }
    : { bip32Derivation: [{ masterFingerprint, pubkey: o.pubkey, path: o.path }] };
}

/**
 * Builds the PSBT of one case: one input paying `spend` (a Custos key, or the multisig), one
 * external output to the bitcoinjs payee and one change output to the account's change branch.
 */
function buildCase(c) {
  const changeAcct = account(c.changeAccount);
  const change = origin(changeAcct, 1, c.changeIndex);
  const changeShape = singleKey[c.changeAccount](change);
  const fund = fundingTx(c.name, c.script, c.inputValue);
  const psbt = new bitcoin.Psbt({ network });
  const input = { hash: fund.getId(), index: 0, ...c.inputFields };
  if (c.utxo.includes('witness')) input.witnessUtxo = { script: c.script, value: c.inputValue };
  if (c.utxo.includes('nonWitness')) input.nonWitnessUtxo = fund.toBuffer();
  psbt.addInput(input);
  psbt.addOutput({ address: payee.address, value: c.externalValue });
  psbt.addOutput({
    script: changeShape.payment.output,
    value: c.inputValue - c.externalValue - FEE,
    ...changeShape.output,
    ...derivationFields(changeShape.deriv, change),
  });
  return psbt;
}

function inspect(file) {
  const r = custos(['psbt', 'inspect', '--in', file, '--json', '--data-dir', DATA_DIR]);
  check(r.code === 0, `psbt inspect exit ${r.code}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout);
}

function sign(inFile, outFile) {
  return custos(['psbt', 'sign', '--data-dir', DATA_DIR, '--passphrase-env', PASSPHRASE_ENV, '--in', inFile, '--out', outFile]);
}

/** A copy of a PSBT without the signature fields, re-serialized by bitcoinjs. */
function withoutSignatures(b64) {
  const p = bitcoin.Psbt.fromBase64(b64, { network });
  for (const i of p.data.inputs) {
    delete i.partialSig;
    delete i.tapKeySig;
    delete i.tapScriptSig;
  }
  return p.toBase64();
}

function runSigningCase(c) {
  const psbt = buildCase(c);
  const unsigned = psbt.toBase64();
  const inFile = join(WORK, `${c.name}.psbt`);
  const outFile = join(WORK, `${c.name}.signed.psbt`);
  writeFileSync(inFile, unsigned + '\n');

  const a = inspect(inFile);
  const [ext, chg] = a.outputs;
  check(ext.ownership === 'external', `output 0 reported as ${ext.ownership}, expected external`);
  check(chg.ownership === 'change', `change output reported as ${chg.ownership}, expected change`);
  check(chg.address === bitcoin.address.fromOutputScript(psbt.txOutputs[1].script, network),
    `change address ${chg.address} differs from bitcoinjs's`);
  check(a.amountLeavingSat === Number(c.externalValue), `amountLeavingSat ${a.amountLeavingSat} != ${c.externalValue}`);
  check(a.feeSat === Number(FEE), `feeSat ${a.feeSat} != ${FEE}`);
  const unsignedTxid = bitcoin.Transaction.fromBuffer(psbt.data.getTransaction()).getId();
  check(a.unsignedTxid === unsignedTxid, `unsignedTxid ${a.unsignedTxid} != bitcoinjs ${unsignedTxid}`);
  check(a.inputs[0].scriptType === c.label, `input scriptType ${a.inputs[0].scriptType}, expected ${c.label}`);
  check(a.inputs[0].ours === c.expectOurs, `input ours=${a.inputs[0].ours}, expected ${c.expectOurs}`);
  const feeAttack = 'input 0: segwit v0 input without PSBT_IN_NON_WITNESS_UTXO: its amount cannot be verified (segwit fee attack)';
  const expectedWarnings = c.segwitV0 && !c.utxo.includes('nonWitness') ? [feeAttack] : [];
  check(JSON.stringify(a.warnings) === JSON.stringify(expectedWarnings), `warnings ${JSON.stringify(a.warnings)}`);

  const r = sign(inFile, outFile);
  check(r.code === 0, `psbt sign exit ${r.code}: ${r.stderr.trim()}`);
  const signedB64 = readFileSync(outFile, 'utf8').trim();
  check(withoutSignatures(signedB64) === unsigned, 'Custos changed the PSBT beyond adding signatures');
  const signed = bitcoin.Psbt.fromBase64(signedB64, { network });
  check(r.stderr.includes(`signed input 0 (${c.label}): 1 signature(s)`), `sign summary: ${r.stderr.trim()}`);
  const { partialSig = [], tapKeySig } = signed.data.inputs[0];
  check(partialSig.length + (tapKeySig ? 1 : 0) === 1, 'expected exactly 1 Custos signature');
  if (partialSig.length) check(hex(partialSig[0].pubkey) === hex(c.ourPubkey), 'Custos signed for an unexpected key');
  if (c.cosign) signed.signInput(0, bjsKey);
  check(signed.validateSignaturesOfAllInputs(validator), 'bitcoinjs rejects a signature');
  signed.finalizeAllInputs();
  const tx = signed.extractTransaction();
  const stripped = tx.clone();
  stripped.ins.forEach(i => { i.script = new Uint8Array(0); i.witness = []; });
  check(stripped.getId() === unsignedTxid, 'the extracted transaction is not the one that was built');
  c.checkTx(tx.ins[0], signed.data.inputs[0]);
  // The estimate assumes 72-byte DER signatures; real ones are 70-72 bytes.
  const slack = a.estimatedVsize - tx.virtualSize();
  check(slack >= 0 && slack <= 2, `estimatedVsize ${a.estimatedVsize} vs actual vsize ${tx.virtualSize()}`);
  return { signedB64, a, tx };
}

const script = chunks => bitcoin.script.compile(chunks);
const isDerSig = b => b.length >= 9 && b[0] === 0x30 && b[b.length - 1] === 0x01;

function expectWitness(input, n) {
  check(input.witness.length === n, `witness has ${input.witness.length} items, expected ${n}`);
}

const cases = [];
const results = [];
function record(name, fn) {
  try {
    const detail = fn();
    results.push(true);
    console.log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}

// 0. The keys themselves: bitcoinjs derives the same fingerprint, xpubs and first addresses.
record('keys: fingerprint, account xpubs and first receive addresses match bip39+bip32', () => {
  const root = bip32.fromSeed(bip39.mnemonicToSeedSync(mnemonic), network);
  check(hex(root.fingerprint) === descriptors.masterFingerprint,
    `fingerprint ${hex(root.fingerprint)} != ${descriptors.masterFingerprint}`);
  for (const type of ['BIP44', 'BIP49', 'BIP84', 'BIP86']) {
    const acct = account(type);
    const xpub = root.derivePath(acct.path).neutered().toBase58();
    check(xpub === acct.xpub, `${type} xpub ${acct.xpub} != bitcoinjs ${xpub}`);
    const first = singleKey[type](origin(acct, 0, 0)).payment.address;
    check(first === acct.firstReceiveAddress, `${type} firstReceiveAddress ${acct.firstReceiveAddress} != bitcoinjs ${first}`);
    check(acct.receive.includes(`[${descriptors.masterFingerprint}/${acct.path.slice(2)}]`), `${type} receive descriptor lacks key origin`);
  }
  return `fingerprint ${descriptors.masterFingerprint}`;
});

function singleKeyCase(type, label, index, utxo, checkTx) {
  const acct = account(type);
  const o = origin(acct, 0, index);
  const shape = singleKey[type](o);
  return {
    name: `${type.toLowerCase()}-${label.toLowerCase()}`, label, changeAccount: type, changeIndex: index + 1,
    script: shape.payment.output, inputValue: 100_000n + BigInt(index), externalValue: 60_000n, utxo,
    inputFields: { ...shape.input, ...derivationFields(shape.deriv, o) }, expectOurs: true,
    segwitV0: type === 'BIP49' || type === 'BIP84', ourPubkey: o.pubkey,
    checkTx: (txIn, psbtIn) => checkTx(txIn, psbtIn, o, shape),
  };
}

cases.push(singleKeyCase('BIP44', 'p2pkh', 3, ['nonWitness'], (txIn, _p, o) => {
  const chunks = bitcoin.script.decompile(txIn.script);
  check(chunks.length === 2 && isDerSig(chunks[0]) && hex(chunks[1]) === hex(o.pubkey), 'scriptSig is not <sig> <pubkey>');
  expectWitness(txIn, 0);
}));
cases.push(singleKeyCase('BIP49', 'p2sh-p2wpkh', 5, ['witness', 'nonWitness'], (txIn, _p, o, shape) => {
  check(hex(txIn.script) === hex(script([shape.input.redeemScript])), 'scriptSig is not the push of the redeem script');
  expectWitness(txIn, 2);
  check(isDerSig(txIn.witness[0]) && hex(txIn.witness[1]) === hex(o.pubkey), 'witness is not <sig> <pubkey>');
}));
cases.push(singleKeyCase('BIP84', 'p2wpkh', 7, ['witness'], (txIn, _p, o) => {
  check(txIn.script.length === 0, 'scriptSig is not empty');
  expectWitness(txIn, 2);
  check(isDerSig(txIn.witness[0]) && hex(txIn.witness[1]) === hex(o.pubkey), 'witness is not <sig> <pubkey>');
}));
cases.push(singleKeyCase('BIP86', 'p2tr', 9, ['witness'], txIn => {
  check(txIn.script.length === 0, 'scriptSig is not empty');
  expectWitness(txIn, 1);
  check(txIn.witness[0].length === 64, `key-path signature is ${txIn.witness[0].length} bytes, expected 64 (SIGHASH_DEFAULT)`);
}));

// 2-of-2 P2WSH between a Custos BIP84 key (receive branch, index 11) and the bitcoinjs key.
{
  const acct = account('BIP84');
  const ours = origin(acct, 0, 11);
  const pubkeys = [ours.pubkey, bjsKey.publicKey].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  const ms = bitcoin.payments.p2ms({ m: 2, pubkeys, network });
  const wsh = bitcoin.payments.p2wsh({ redeem: ms, network });
  cases.push({
    name: 'p2wsh-2of2', label: 'p2wsh', changeAccount: 'BIP84', changeIndex: 12, script: wsh.output,
    inputValue: 250_000n, externalValue: 200_000n, utxo: ['witness'], cosign: true,
    // Ours by derivation: the witness script holds a key that derives from our BIP84 account xpub.
    expectOurs: true, segwitV0: true, ourPubkey: ours.pubkey,
    inputFields: {
      witnessScript: ms.output,
      bip32Derivation: [
        { masterFingerprint, pubkey: ours.pubkey, path: ours.path },
        { masterFingerprint: bjsRoot.fingerprint, pubkey: bjsKey.publicKey, path: bjsPath },
      ],
    },
    checkTx: txIn => {
      check(txIn.script.length === 0, 'scriptSig is not empty');
      expectWitness(txIn, 4);
      check(txIn.witness[0].length === 0 && isDerSig(txIn.witness[1]) && isDerSig(txIn.witness[2]),
        'witness is not <> <sig> <sig> <witnessScript>');
      check(hex(txIn.witness[3]) === hex(ms.output), 'last witness item is not the witness script');
    },
  });
}

const signedByName = {};
for (const c of cases) {
  record(`sign ${c.label}${c.cosign ? ' 2-of-2 with bitcoinjs cosigner' : ''}`, () => {
    const { signedB64, tx } = runSigningCase(c);
    signedByName[c.name] = signedB64;
    return `txid ${tx.getId().slice(0, 16)}…, vsize ${tx.virtualSize()}`;
  });
}

// Negative: a flipped byte in a Custos signature must make bitcoinjs's validation fail.
function tamperCase(caseName, label, mutate) {
  record(`tampered ${label} signature is rejected by bitcoinjs`, () => {
    const b64 = signedByName[caseName];
    check(b64, `no signed PSBT from case ${caseName}`);
    const p = bitcoin.Psbt.fromBase64(b64, { network });
    check(p.validateSignaturesOfAllInputs(validator), 'untampered PSBT does not validate');
    mutate(p.data.inputs[0]);
    let ok;
    try {
      ok = p.validateSignaturesOfAllInputs(validator);
    } catch (e) {
      ok = false;
    }
    check(ok === false, 'tampered signature still validates');
  });
}
const flip = (bytes, i) => {
  const b = Uint8Array.from(bytes);
  b[i] ^= 0x01;
  return b;
};
// Last byte of S (just before the sighash byte): the DER encoding stays well-formed.
tamperCase('bip84-p2wpkh', 'ECDSA', i => { i.partialSig[0].signature = flip(i.partialSig[0].signature, i.partialSig[0].signature.length - 2); });
tamperCase('bip86-p2tr', 'Schnorr', i => { i.tapKeySig = flip(i.tapKeySig, 40); });

// Negative: a derivation claiming our fingerprint whose path does not derive the spent key.
record('lying key origin (wrong index) is not signed: exit 2, nothing written', () => {
  const c = singleKeyCase('BIP84', 'p2wpkh', 21, ['witness'], () => {});
  c.inputFields.bip32Derivation[0].path = `${account('BIP84').path}/0/22`;
  const inFile = join(WORK, 'lying.psbt');
  const outFile = join(WORK, 'lying.signed.psbt');
  writeFileSync(inFile, buildCase(c).toBase64() + '\n');
  const r = sign(inFile, outFile);
  check(r.code === 2, `exit ${r.code}, expected 2: ${r.stderr.trim()}`);
  check(!existsSync(outFile), 'an output file was written');
  check(r.stderr.includes('carries our fingerprint but does not derive key'), `stderr: ${r.stderr.trim()}`);
  return r.stderr.trim().split('\n').at(-1);
});

// Negative: malformed PSBTs get exit 2 and a one-line error.
for (const [label, content] of [
  ['truncated', signedByName['bip84-p2wpkh']?.slice(0, 60) ?? 'cHNidP8BAHEC'],
  ['not base64', 'this is not a psbt\n'],
]) {
  record(`malformed PSBT (${label}): exit 2, one-line error`, () => {
    const inFile = join(WORK, `malformed-${label.replace(/ /g, '-')}.psbt`);
    const outFile = `${inFile}.out`;
    writeFileSync(inFile, content);
    const outs = [];
    for (const r of [sign(inFile, outFile), custos(['psbt', 'inspect', '--in', inFile, '--json'])]) {
      const lines = r.stderr.trim().split('\n');
      check(r.code === 2, `exit ${r.code}, expected 2: ${r.stderr.trim()}`);
      check(lines.length === 1 && lines[0].startsWith('custos: '), `stderr is not one "custos: ..." line: ${JSON.stringify(r.stderr)}`);
      check(r.stdout === '', 'something was printed on stdout');
      outs.push(lines[0]);
    }
    check(!existsSync(outFile), 'an output file was written');
    return outs[0];
  });
}

const passed = results.filter(Boolean).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
