/**
 * The preview server over real HTTP on 127.0.0.1: it answers its own routes and the files of
 * the page it shows, and nothing else; no request, however malformed, stops it.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servePreview, type RunningServer } from "../../src/serve/server.js";
import { rawSocket, request, sampleProject, type SampleProject } from "../preview/helpers.js";

let project: SampleProject;
let server: RunningServer;
let port = 0;

async function alive(): Promise<void> {
  const r = await request(port, "/state");
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body).ok).toBe(true);
}

beforeAll(async () => {
  project = sampleProject("paiban-serve-sec-");
  // A secret outside the project, a symlink to it inside, and a symlink to a folder outside.
  const outside = path.join(project.dir, "..", `${path.basename(project.dir)}-outside`);
  mkdirSync(outside);
  writeFileSync(path.join(outside, "secret.txt"), "SECRET");
  symlinkSync(path.join(outside, "secret.txt"), path.join(project.dir, "samples/quxian/secret.md"));
  symlinkSync(outside, path.join(project.dir, "samples/outside"));
  writeFileSync(path.join(project.dir, "samples/quxian/unlisted.md"), "not named by the layout");
  server = await servePreview({ layout: project.layout, port: 0, root: project.dir });
  port = server.port;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("serve: where it listens", () => {
  it("binds 127.0.0.1 only", async () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/`);
    const address = (await import("node:os")).networkInterfaces();
    const external = Object.values(address).flat().find((a) => a && a.family === "IPv4" && !a.internal);
    if (external) {
      const reached = await new Promise<boolean>((ok) => {
        const s = net.connect(port, external.address);
        s.on("connect", () => (s.destroy(), ok(true)));
        s.on("error", () => ok(false));
      });
      expect(reached).toBe(false);
    }
  });
});

describe("serve: its own routes", () => {
  it("serves the page, its script and style, the state, the page SVG and the events", async () => {
    const index = await request(port, "/");
    expect(index.status).toBe(200);
    expect(index.headers["content-type"]).toMatch(/text\/html/);
    expect(index.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(index.headers["x-content-type-options"]).toBe("nosniff");
    expect((await request(port, "/app.js")).status).toBe(200);
    expect((await request(port, "/app.css")).status).toBe(200);
    const svg = await request(port, "/page/4.svg?v=1");
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toBe("image/svg+xml");
    expect(svg.body.startsWith("<svg")).toBe(true);
  });

  it("serves the layout, a copy file and the photo the page names", async () => {
    const layout = await request(port, "/files/layouts/quxian.json");
    expect(layout.status).toBe(200);
    expect(layout.headers["content-type"]).toMatch(/application\/json/);
    const copy = await request(port, "/files/samples/quxian/lead.md");
    expect(copy.status).toBe(200);
    expect(copy.body).toContain("把学习成效转化为履职的生动实践");
    const photo = await request(port, "/files/samples/quxian/photo.jpg");
    expect(photo.status).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
  });
});

describe("serve: everything else is 404", () => {
  const paths = [
    "/files/../../../../etc/passwd",
    "/files/samples/../layouts/quxian.json",
    "/files/samples/quxian/../../layouts/quxian.json",
    "/files/%2e%2e/%2e%2e/etc/passwd",
    "/files/%2E%2E/%2E%2E/etc/passwd",
    "/files/samples/%2e%2e/%2e%2e/etc/passwd",
    "/files/..%2f..%2fetc%2fpasswd",
    "/files/samples%2fquxian%2flead.md",
    "/files/samples%5cquxian%5clead.md",
    "/files/%252e%252e/etc/passwd",
    "/files//etc/passwd",
    "/files/%2fetc%2fpasswd",
    "/files/etc/passwd",
    "/files/C:/Windows/win.ini",
    "/files/samples/quxian/lead.md%00.jpg",
    "/files/samples/quxian/secret.md", // symlink out of the project
    "/files/samples/outside/secret.txt", // through a linked folder out of the project
    "/files/samples/quxian/unlisted.md", // inside, but not a file of the page
    "/files/samples/quxian/", // no directory listings
    "/files/samples/quxian",
    "/files/samples",
    "/files/",
    "/files",
    "/samples/quxian/lead.md",
    "/layouts/quxian.json",
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/page/5.svg",
    "/page/../4.svg",
    "/page/4.svg/..",
    "/nothing-here",
    "/favicon.ico",
    "/index.html",
    "/state/",
    "//etc/passwd",
  ];
  for (const p of paths) {
    it(`GET ${p}`, async () => {
      const r = await request(port, p);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain("SECRET");
      expect(r.body).not.toContain("root:");
    });
  }
  it("is still up after all that", alive);
});

describe("serve: malformed requests never stop it", () => {
  it("bad URL encoding", async () => {
    for (const p of ["/files/%zz", "/files/%", "/files/%E4%B8", "/%c0%ae%c0%ae/etc/passwd"]) {
      const r = await request(port, p);
      expect([400, 404]).toContain(r.status);
    }
    await alive();
  });

  it("methods other than GET and HEAD: 405", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT-ISH"]) {
      const r = await rawSocket(port, `${method} / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(r).toMatch(/^HTTP\/1\.1 (405|400)/);
    }
    const head = await request(port, "/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    await alive();
  });

  it("huge headers", async () => {
    const r = await rawSocket(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`);
    expect(r).toMatch(/^HTTP\/1\.1 431/);
    await alive();
  });

  it("garbage instead of HTTP, a request line with no path, an absolute-form URL", async () => {
    expect(await rawSocket(port, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n")).toMatch(/^HTTP\/1\.1 400|^$/);
    expect(await rawSocket(port, `GET\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400|^$/);
    const absolute = await rawSocket(port, `GET http://127.0.0.1:${port}/files/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(absolute).toMatch(/^HTTP\/1\.1 404/);
    await alive();
  });

  it("a connection dropped half-way, and many at once", async () => {
    const s = net.connect(port, "127.0.0.1");
    await new Promise((ok) => s.on("connect", ok));
    s.write("GET /state HTTP/1.1\r\nHost: 127.0");
    s.destroy();
    const all = await Promise.all(Array.from({ length: 40 }, () => request(port, "/state")));
    expect(all.every((r) => r.status === 200)).toBe(true);
    await alive();
  });

  it("a foreign Host header (DNS rebinding) is refused", async () => {
    for (const host of ["evil.example", `evil.example:${port}`, "127.0.0.1", `127.0.0.1:${port + 1}`]) {
      const r = await request(port, "/state", { headers: { Host: host } });
      expect(r.status).toBe(403);
    }
    await alive();
  });
});
