// Makes samples/quxian/photo.jpg: a drawn stand-in for the seed page's news photo (a visit to
// a bee-keeping co-operative), so that the sample ships an image with no licence question.
// Run: node scripts/make-sample-photo.mjs
import sharp from "sharp";

const W = 3900;
const H = 1600;
let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

const hives = [[], [], []];
for (let row = 0; row < 3; row++) {
  for (let i = 0; i < 14; i++) {
    const s = 1 + row * 0.35;
    const x = 120 + i * 270 * s * 0.8 + row * 90 + rand() * 30;
    const y = 930 + row * 170;
    const w = 150 * s, h = 120 * s;
    const hue = ["#d9a441", "#c98b2e", "#e0b85a", "#b9772a"][Math.floor(rand() * 4)];
    hives[row].push(`<g><rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${hue}" stroke="#6b4a1c" stroke-width="4"/>` +
      `<rect x="${x - 8}" y="${y - 14 * s}" width="${w + 16}" height="${16 * s}" fill="#8a6a3a"/>` +
      `<rect x="${x + w * 0.35}" y="${y + h * 0.72}" width="${w * 0.3}" height="${8 * s}" fill="#3a2a10"/></g>`);
  }
}
const people = [];
for (let i = 0; i < 9; i++) {
  const x = 700 + i * 300 + rand() * 80;
  const y = 840 + rand() * 40;
  const s = 1.6 + rand() * 0.3;
  const coat = ["#2b3d5c", "#1f2a36", "#6d2b2b", "#3d4a3a", "#e8e4da"][Math.floor(rand() * 5)];
  people.push(`<g transform="translate(${x} ${y}) scale(${s})">` +
    `<circle cx="0" cy="-210" r="34" fill="#e7c3a0"/><path d="M-34 -222 q34 -40 68 0 v-8 q-34 -30 -68 0z" fill="#1a1a1a"/>` +
    `<path d="M-55 -170 h110 l18 190 h-146z" fill="${coat}"/><rect x="-40" y="20" width="30" height="150" fill="#23262b"/><rect x="10" y="20" width="30" height="150" fill="#23262b"/></g>`);
}
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<defs>
 <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9cc3e6"/><stop offset="1" stop-color="#e9f1f6"/></linearGradient>
 <linearGradient id="field" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6f9a4a"/><stop offset="1" stop-color="#3f6a2c"/></linearGradient>
</defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>
<path d="M0 640 C500 420 900 560 1400 470 S2400 380 2900 520 S3600 430 ${W} 520 V${H} H0z" fill="#7f9f8a" opacity="0.7"/>
<path d="M0 760 C600 600 1200 720 1900 640 S3100 600 ${W} 700 V${H} H0z" fill="#5d8a4c"/>
<rect y="860" width="${W}" height="${H - 860}" fill="url(#field)"/>
${hives[0].join("\n")}
${people.join("\n")}
${hives[1].join("\n")}
${hives[2].join("\n")}
</svg>`;

const base = await sharp(Buffer.from(svg)).blur(1.2).raw().toBuffer({ resolveWithObject: true });
// Film-like grain so the picture behaves like a photograph in the separation.
const px = base.data;
for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, px[i] + (rand() - 0.5) * 18));
await sharp(px, { raw: base.info }).jpeg({ quality: 86, mozjpeg: true }).toFile(new URL("../samples/quxian/photo.jpg", import.meta.url).pathname);
console.log("samples/quxian/photo.jpg", W, "x", H);
