// CRC-32 of two texts joined, from each one's CRC-32 and the second one's length, as zlib's
// crc32_combine computes it: Node exposes crc32 but not this. A page's pieces each keep their
// CRC from the page they were made for, so a new page's gzip trailer costs a combine per piece
// instead of reading its 8 MB again (at L, 4 ms of every refresh's landing).

/** the CRC-32 polynomial, reflected */
const POLY = 0xedb88320;

/** a·b modulo the polynomial, both reflected: bit 31 is x⁰ */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  let bits = b;
  for (let m = 0x80000000; m !== 0; m >>>= 1) {
    if (a & m) product ^= bits;
    bits = bits & 1 ? (bits >>> 1) ^ POLY : bits >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31 */
const POWERS = (() => {
  const table = new Uint32Array(32);
  let p = 0x40000000; // x¹
  for (let k = 0; k < 32; k++) {
    table[k] = p;
    p = multiplyModP(p, p);
  }
  return table;
})();

/** x^(8·bytes) modulo the polynomial: what appending that many zero bytes multiplies by */
function shiftFor(bytes: number): number {
  let p = 0x80000000; // x⁰
  // 8·bytes = bytes·2³: walk bytes' bits from power 3 on
  for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k++)
    if (n % 2 === 1) p = multiplyModP(POWERS[k % 32] ?? 0, p);
  return p;
}

/** CRC-32 of A then B, from A's CRC-32, B's CRC-32 and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftFor(lengthB), crcA) ^ crcB) >>> 0;
}
