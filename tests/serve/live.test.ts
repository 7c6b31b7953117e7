/** watch and serve end to end: saves re-render, report changes are told, errors keep it running. */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Preview } from "../../src/serve/live.js";
import { previewWork } from "../../src/serve/live.js";
import { servePreview, type RunningServer } from "../../src/serve/server.js";
import { LiveSession, type Attempt } from "../../src/serve/session.js";
import { CLI, longCopy, request, sampleProject, until } from "../preview/helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe("LiveSession", () => {
  it("re-renders on a copy save, reports overset, survives a broken layout and recovers", async () => {
    const p = sampleProject();
    const attempts: Attempt<Preview>[] = [];
    const session = new LiveSession<Preview>({ layout: p.layout, work: (l, fonts) => previewWork(l, p.dir, fonts), onAttempt: (a) => attempts.push(a) });
    cleanups.push(() => session.close());
    const first = await session.start();
    expect(first.ok).toBe(true);

    const lead = readFileSync(p.copy("lead.md"), "utf8");
    writeFileSync(p.copy("lead.md"), longCopy(lead));
    const over = await until(() => attempts.find((a) => a.version > 1));
    expect(over.ok).toBe(true);
    if (!over.ok) throw new Error(over.error);
    expect(over.changed).toEqual([p.copy("lead.md")]);
    expect(over.diff.some((l) => /^\+ overset: lead \d+ lines/.test(l))).toBe(true);

    const layout = readFileSync(p.layout, "utf8");
    writeFileSync(p.layout, layout.replace('"items": [', '"items": [[['));
    const broken = await until(() => attempts.find((a) => !a.ok));
    if (broken.ok) throw new Error("expected a failure");
    expect(broken.error).toMatch(/quxian\.json: \d+:\d+: /);
    expect(broken.error).not.toMatch(/at .*\.js:\d+/);

    writeFileSync(p.layout, layout);
    writeFileSync(p.copy("lead.md"), lead);
    const fixed = await until(() => {
      const last = attempts.at(-1);
      return last?.ok && last.outcome.report.stories.every((s) => s.overset.lines === 0) ? last : undefined;
    });
    if (!fixed.ok) throw new Error("expected success");
    expect(fixed.diff).toContain("- overset cleared: lead (was " + over.outcome.report.stories.find((s) => s.id === "lead")!.overset.lines + " lines (" + over.outcome.report.stories.find((s) => s.id === "lead")!.overset.chars + " chars))");
  }, 60_000);
});

describe("LiveSession: one save, one render", () => {
  it("a file touched again with the bytes that caused the last render does not render again (the diff stays)", async () => {
    const p = sampleProject();
    const attempts: Attempt<Preview>[] = [];
    const session = new LiveSession<Preview>({ layout: p.layout, work: (l, fonts) => previewWork(l, p.dir, fonts), onAttempt: (a) => attempts.push(a) });
    cleanups.push(() => session.close());
    await session.start();
    const lead = readFileSync(p.copy("lead.md"), "utf8");
    writeFileSync(p.copy("lead.md"), longCopy(lead));
    await until(() => attempts.find((a) => a.version === 2));
    await session.idle();
    const later = new Date(Date.now() + 5000);
    utimesSync(p.copy("lead.md"), later, later); // what the watcher's poll sees after a write it caught midway
    writeFileSync(p.copy("lead.md"), longCopy(lead));
    await new Promise((ok) => setTimeout(ok, 1500));
    await session.idle();
    expect(attempts.map((a) => a.version)).toEqual([1, 2]);
    writeFileSync(p.copy("lead.md"), lead);
    const back = await until(() => attempts.find((a) => a.version === 3));
    expect(back.ok && back.diff.some((l) => l.startsWith("- overset cleared: lead"))).toBe(true);
  }, 60_000);
});

describe("LiveSession: photos and fonts", () => {
  it("re-renders when the photo or a configured font file is saved", async () => {
    const p = sampleProject();
    const serif = createRequire(import.meta.url).resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf");
    mkdirSync(path.join(p.dir, "fonts"));
    const kai = path.join(p.dir, "fonts/Kai.ttf");
    copyFileSync(serif, kai);
    const layout = JSON.parse(readFileSync(p.layout, "utf8"));
    writeFileSync(p.layout, JSON.stringify({ ...layout, fonts: { kai: { regular: "../fonts/Kai.ttf" } } }, null, 1));
    const attempts: Attempt<Preview>[] = [];
    let fontsChanged = 0; // watch drops its warm renderer's pages here
    const session = new LiveSession<Preview>({
      layout: p.layout,
      work: (l, fonts) => previewWork(l, p.dir, fonts),
      onAttempt: (a) => attempts.push(a),
      onFontsChanged: () => fontsChanged++,
    });
    cleanups.push(() => session.close());
    expect((await session.start()).ok).toBe(true);
    expect(fontsChanged).toBe(0);

    copyFileSync(serif, kai); // a font saved again
    const byFont = await until(() => attempts.find((a) => a.changed.includes(kai)));
    expect(byFont.ok).toBe(true);
    expect(fontsChanged).toBe(1);

    writeFileSync(p.copy("photo.jpg"), readFileSync(p.copy("photo.jpg"))); // the photo re-exported
    const byPhoto = await until(() => attempts.find((a) => a.changed.includes(p.copy("photo.jpg"))));
    expect(byPhoto.ok).toBe(true);
    expect(fontsChanged).toBe(1);
  }, 60_000);
});

function events(port: number, onEvent: (data: string) => void): () => void {
  const req = http.get({ host: "127.0.0.1", port, path: "/events", headers: { Host: `127.0.0.1:${port}` } }, (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      for (const m of chunk.matchAll(/event: render\ndata: (.*)\n/g)) onEvent(m[1]!);
    });
  });
  req.on("error", () => undefined);
  return () => req.destroy();
}

describe("paiban serve (in-process, over HTTP)", () => {
  it("pushes a render event on each save; shows the error while broken, never the stale page", async () => {
    const p = sampleProject();
    const server: RunningServer = await servePreview({ layout: p.layout, port: 0, root: p.dir, debounceMs: 30 });
    cleanups.push(() => server.close());
    const seen: string[] = [];
    cleanups.push(events(server.port, (d) => seen.push(d)));
    await until(() => seen.length > 0 || undefined);

    const state = async () => JSON.parse((await request(server.port, "/state")).body);
    expect((await state()).ok).toBe(true);

    const saved = Date.now();
    writeFileSync(p.copy("jiangbei.md"), longCopy(readFileSync(p.copy("jiangbei.md"), "utf8")));
    const s2 = await until(async () => {
      const s = await state();
      return s.version >= 2 ? s : undefined;
    });
    const latency = Date.now() - saved;
    expect(latency).toBeLessThan(3000);
    expect(s2.stories.find((s: { id: string }) => s.id === "jiangbei").overset.lines).toBeGreaterThan(0);
    expect(s2.diff.join("\n")).toMatch(/\+ overset: jiangbei/);
    await until(() => seen.some((d) => JSON.parse(d).version === 2) || undefined, 3000);

    writeFileSync(p.layout, "{ \"paper\": ");
    const s3 = await until(async () => {
      const s = await state();
      return s.ok === false ? s : undefined;
    });
    expect(s3.error).toMatch(/quxian\.json: .*JSON/);
    expect((await request(server.port, "/page/4.svg")).status).toBe(404);

    writeFileSync(p.layout, readFileSync(new URL("../../layouts/quxian.json", import.meta.url)));
    const s4 = await until(async () => {
      const s = await state();
      return s.ok ? s : undefined;
    });
    expect(s4.pages[0].svg).toBe(`/page/4.svg?v=${s4.version}`);
    expect((await request(server.port, "/page/4.svg")).status).toBe(200);
  }, 60_000);

  it("refuses a port in use with a clear message", async () => {
    const blocker = net.createServer();
    await new Promise<void>((ok) => blocker.listen(0, "127.0.0.1", ok));
    cleanups.push(() => new Promise<void>((ok) => blocker.close(() => ok())));
    const port = (blocker.address() as net.AddressInfo).port;
    const p = sampleProject();
    await expect(servePreview({ layout: p.layout, port, root: p.dir })).rejects.toThrow(new RegExp(`port ${port} on 127.0.0.1 is in use`));
    await expect(servePreview({ layout: p.layout, port: 70000 })).rejects.toThrow(/--port must be a whole number/);
  });
});

function collect(child: ChildProcess): { text: () => string } {
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  return { text: () => out };
}

describe("paiban watch (CLI)", () => {
  it("prints what changed, prints the error of a bad save and keeps watching", async () => {
    const p = sampleProject();
    const child = spawn(process.execPath, [CLI, "watch", "layouts/quxian.json"], { cwd: p.dir, stdio: ["ignore", "pipe", "pipe"] });
    cleanups.push(() => void child.kill("SIGTERM"));
    const log = collect(child);
    await until(() => /watching layouts\/quxian\.json and the \d+ files it names/.test(log.text()) || undefined, 30_000);
    expect(log.text()).toMatch(/out\/quxian\.pdf and out\/quxian\.report\.json in \d+ ms; no overset/);

    writeFileSync(p.copy("lead.md"), longCopy(readFileSync(p.copy("lead.md"), "utf8")));
    await until(() => /samples\/quxian\/lead\.md changed → .* in \d+ ms\n {2}\+ overset: lead \d+ lines \(\d+ chars\)\n {2}\+ warning: lead: /.test(log.text()) || undefined, 20_000);

    writeFileSync(p.layout, "{ \"paper\": ");
    await until(() => /layouts\/quxian\.json changed → paiban: layouts\/quxian\.json: \d+:\d+: JSON syntax error/.test(log.text()) || undefined, 20_000);
    expect(log.text()).toMatch(/still watching/);

    writeFileSync(p.layout, readFileSync(new URL("../../layouts/quxian.json", import.meta.url)));
    await until(() => /layouts\/quxian\.json changed → out\/quxian\.pdf/.test(log.text()) || undefined, 20_000);
    expect(child.exitCode).toBeNull();
    expect(log.text()).not.toMatch(/at .*\.js:\d+/);
    child.kill("SIGTERM");
    const code = await new Promise((ok) => child.once("exit", (c) => ok(c)));
    expect(code).toBe(0);
  }, 90_000);

  it("keeps watching when the layout is deleted, restored and its folder renamed away and back (no silent exit 13)", async () => {
    const p = sampleProject();
    const child = spawn(process.execPath, [CLI, "watch", "layouts/quxian.json", "--out", "out/q.pdf"], { cwd: p.dir, stdio: ["ignore", "pipe", "pipe"] });
    cleanups.push(() => void child.kill("SIGTERM"));
    const log = collect(child);
    await until(() => /watching layouts\/quxian\.json/.test(log.text()) || undefined, 30_000);
    const layout = readFileSync(p.layout);
    const seen = () => log.text().length;

    rmSync(p.layout);
    await until(() => /layouts\/quxian\.json changed → paiban: layouts\/quxian\.json: layout file not found/.test(log.text()) || undefined, 20_000);
    let from = seen();
    writeFileSync(p.layout, layout);
    await until(() => /layouts\/quxian\.json changed → out\/q\.pdf/.test(log.text().slice(from)) || undefined, 20_000);

    from = seen();
    renameSync(path.join(p.dir, "layouts"), path.join(p.dir, "layouts-away"));
    await until(() => /layout file not found/.test(log.text().slice(from)) || undefined, 20_000);
    await new Promise((ok) => setTimeout(ok, 3000));
    expect(child.exitCode, log.text()).toBeNull();

    from = seen();
    renameSync(path.join(p.dir, "layouts-away"), path.join(p.dir, "layouts"));
    await until(() => /layouts\/quxian\.json changed → out\/q\.pdf/.test(log.text().slice(from)) || undefined, 20_000);
    expect(child.exitCode).toBeNull();
    child.kill("SIGTERM");
    expect(await new Promise((ok) => child.once("exit", (c) => ok(c)))).toBe(0);
  }, 90_000);
});
