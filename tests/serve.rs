//! `folio serve` as a user meets it: the real binary on a free port, serving a copy of a
//! fixture site, talked to over plain TCP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The server process, stopped when the test ends however it ends.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
    _site: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        Self::start_with(|_| {})
    }

    /// Starts on a copy of the fixture after `prepare` has changed it.
    fn start_with(prepare: impl FnOnce(&Path)) -> Server {
        let site = common::copy_fixture("check-ok");
        prepare(site.path());
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        command
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path());
        Self::spawn(command, site)
    }

    /// Starts as the README shows: `folio serve` run in the site's folder, no `--root`.
    fn start_in_site_folder(folder: impl FnOnce(&Path) -> PathBuf) -> Server {
        let site = common::copy_fixture("check-ok");
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        command
            .args(["serve", "--port", "0"])
            .current_dir(folder(site.path()));
        Self::spawn(command, site)
    }

    fn spawn(mut command: Command, site: tempfile::TempDir) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    let mut log = log.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            log,
            _site: site,
        };
        let line = server.wait_for_log("serving ", Duration::from_secs(60));
        let url = line.split(" at http://").nth(1).unwrap();
        let port = url.split([':', '/']).nth(1).unwrap();
        server.port = port.parse().unwrap();
        server
    }

    fn root(&self) -> &Path {
        self._site.path()
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The first log line containing `needle`, waiting up to `timeout` for it.
    fn wait_for_log(&mut self, needle: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.log().lines().find(|l| l.contains(needle)) {
                return line.to_string();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("folio serve exited with {status}:\n{}", self.log());
            }
            assert!(
                start.elapsed() < timeout,
                "no {needle:?} in the log within {timeout:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn get(&self, target: &str) -> Response {
        raw_get(self.port, target)
    }

    /// Fetches `target` until `ready` holds of the response, for up to ten seconds.
    fn get_until(&self, target: &str, what: &str, ready: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let response = self.get(target);
            if ready(&response) {
                return response;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{target} never showed {what}; last response:\n{}\nlog:\n{}",
                response.body,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A GET with the request target sent exactly as given, so that nothing between the
/// test and the server normalizes `..` away.
fn raw_get(port: u16, target: &str) -> Response {
    raw_request(
        port,
        &format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `request` as is and reads the whole response.
fn raw_request(port: u16, request: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    Response {
        status,
        headers: headers.replace("\r\n", "\n"),
        body: body.to_string(),
    }
}

#[test]
fn serves_reloads_rebuilds_and_recovers() {
    let mut server = Server::start();
    let post = server.root().join("content/posts/first.md");

    let page = server.get("/posts/first/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("This post links to"), "{}", page.body);
    let script = page
        .body
        .find("new EventSource(\"/__folio/events?since=")
        .expect("the reload script is injected");
    assert!(
        script < page.body.rfind("</body>").unwrap(),
        "before </body>"
    );

    // An edit to the post is served within seconds, and the log names the rebuild.
    save_edit(&server, "This post links to", "This EDITED post links to");
    let rebuild = server.wait_for_log(
        "content/posts/first.md changed: rebuilt in",
        Duration::from_secs(5),
    );
    assert!(
        rebuild.contains("Markdown of content/posts/first.md"),
        "{rebuild}"
    );
    assert!(
        rebuild.contains("posts/first/index.html (page.html from content/posts/first.md:1)"),
        "the log names each output's template and source: {rebuild}"
    );
    assert!(
        !rebuild.contains("posts/second/index.html"),
        "the other post is reused: {rebuild}"
    );

    // Broken front matter: the last good page stays, under an overlay naming the place.
    let good = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, good.replacen("title = \"First\"", "title = ", 1)).unwrap();
    let broken = server.get_until("/posts/first/", "the error overlay", |r| {
        r.body.contains("id=\"folio-error\"")
    });
    let overlay = &broken.body[broken.body.find("id=\"folio-error\"").unwrap()..];
    assert!(
        overlay.contains("content/posts/first.md:2:9: invalid TOML front matter"),
        "{overlay}"
    );
    assert!(broken.body.contains("This EDITED post links to"));
    let other = server.get("/posts/second/");
    assert!(other.body.contains("id=\"folio-error\""), "on every page");
    server.wait_for_log("rebuild failed", Duration::from_secs(5));

    std::fs::write(&post, &good).unwrap();
    let fixed = server.get_until("/posts/first/", "the page without the overlay", |r| {
        !r.body.contains("id=\"folio-error\"")
    });
    assert!(fixed.body.contains("This EDITED post links to"));
}

/// `html` without the reload script, which names the version of the site it was served from.
fn without_reload_script(html: &str) -> String {
    let start = html
        .find("<script>/* folio serve")
        .expect("a reload script");
    let end = start + html[start..].find("</script>").unwrap();
    format!("{}{}", &html[..start], &html[end..])
}

/// An edited page is served as soon as it is rendered on its own, before the whole site
/// is rebuilt, and it is the page the rebuild then serves.
#[test]
fn an_edited_page_is_served_before_the_site_is_rebuilt() {
    // Enough pages that rebuilding them all takes many times longer than one.
    let mut server = Server::start_with(|root| {
        for n in 0..3000 {
            let text = format!("+++\ntitle = \"Filler {n}\"\n+++\nThe words of page {n}.\n");
            std::fs::write(root.join(format!("content/posts/filler-{n}.md")), text).unwrap();
        }
    });
    let post = server.root().join("content/posts/first.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replace("This post links to", "This QUICK post links to"),
    )
    .unwrap();
    let shown = server.get_until("/posts/first/", "the edit", |r| {
        r.body.contains("This QUICK post links to")
    });
    let log = server.log();
    assert!(
        log.contains("content/posts/first.md changed: showing posts/first/index.html in "),
        "{log}"
    );
    assert!(
        !log.contains("content/posts/first.md changed: rebuilt in"),
        "the edit is served before the site is rebuilt:\n{log}"
    );
    server.wait_for_log(
        "content/posts/first.md changed: rebuilt in",
        Duration::from_secs(60),
    );
    let rebuilt = server.get("/posts/first/");
    assert_eq!(
        without_reload_script(&shown.body),
        without_reload_script(&rebuilt.body)
    );
}

#[test]
fn refuses_paths_out_of_the_site() {
    let server = Server::start_with(|root| {
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("static/passwd")).unwrap();
    });
    let response = server.get("/passwd");
    assert_eq!(response.status, 404, "a symbolic link is not served");
    assert!(!response.body.contains("root:"));
    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/posts/..%5c..%5cetc/passwd",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 403, "{target}");
        assert!(!response.body.contains("root:"), "{target}");
    }
}

#[test]
fn types_redirects_and_events() {
    let server = Server::start();
    for (target, expected) in [
        ("/folio.css", "text/css; charset=utf-8"),
        ("/index.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(response.header("content-type"), Some(expected), "{target}");
    }

    let folder = server.get("/posts/first?x=1");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/posts/first/?x=1"));

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("/__folio/events"),
        "the site's 404 page, reloading too"
    );

    // A page from an older build is told to reload at once.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /__folio/events?since=0 HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        server.port
    )
    .unwrap();
    let mut received = String::new();
    let mut reader = BufReader::new(stream);
    while !received.contains("event: reload") {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "{received}");
        received.push_str(&line);
    }
    assert!(
        received.contains("content-type: text/event-stream"),
        "{received}"
    );
}

#[test]
fn a_taken_port_is_an_error_naming_the_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = common::copy_fixture("check-ok");
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("error: 127.0.0.1:{port}: the port is in use")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}

/// Replaces `from` by `to` in the first post and waits until its page shows the edit;
/// returns how long that took.
fn save_edit(server: &Server, from: &str, to: &str) -> Duration {
    let post = server.root().join("content/posts/first.md");
    let text = std::fs::read_to_string(&post).unwrap();
    let start = Instant::now();
    std::fs::write(&post, text.replace(from, to)).unwrap();
    server.get_until("/posts/first/", "the edit", |r| r.body.contains(to));
    start.elapsed()
}

/// An edit is served and the log names the rebuild; returns how long the edit took to show.
fn edit_is_served(server: &mut Server) -> Duration {
    let elapsed = save_edit(server, "This post links to", "This SAVED post links to");
    server.wait_for_log(
        "content/posts/first.md changed: rebuilt in",
        Duration::from_secs(5),
    );
    elapsed
}

#[test]
fn reloads_when_run_in_the_site_folder_without_root() {
    let mut server = Server::start_in_site_folder(Path::to_path_buf);
    let elapsed = edit_is_served(&mut server);
    eprintln!("edit served after {} ms", elapsed.as_millis());
}

#[test]
fn reloads_when_the_site_is_reached_through_a_symbolic_link() {
    let links = tempfile::tempdir().unwrap();
    let link = links.path().join("site");
    let mut server = Server::start_in_site_folder(|site| {
        std::os::unix::fs::symlink(site, &link).unwrap();
        link.clone()
    });
    edit_is_served(&mut server);

    let linked_root = links.path().join("by-root");
    let site = common::copy_fixture("check-ok");
    std::os::unix::fs::symlink(site.path(), &linked_root).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .args(["serve", "--port", "0", "--root"])
        .arg(&linked_root);
    let mut server = Server::spawn(command, site);
    edit_is_served(&mut server);
}

#[test]
fn answers_only_requests_naming_this_server() {
    let server = Server::start();
    let port = server.port;
    let ask = |host: &str| {
        raw_request(
            port,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    assert_eq!(ask("attacker.example").status, 403);
    assert_eq!(ask(&format!("attacker.example:{port}")).status, 403);
    assert_eq!(ask("localhost:1").status, 403);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(ask(&host).status, 200, "{host}");
    }
    let long = format!("/{}", "a".repeat(10_000));
    assert_eq!(server.get(&long).status, 414);
    let post = raw_request(
        port,
        &format!(
            "POST / HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
        ),
    );
    assert_eq!(post.status, 413);
}

#[test]
fn connections_beyond_the_limit_wait_for_a_free_one() {
    let server = Server::start();
    let idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    let mut waiting = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        waiting,
        "GET / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        server.port
    )
    .unwrap();
    waiting
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut first = [0u8; 1];
    assert!(
        waiting.read(&mut first).is_err(),
        "answered beyond the limit"
    );
    drop(idle);
    waiting
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut rest = Vec::new();
    waiting.read_to_end(&mut rest).unwrap();
    assert!(
        String::from_utf8_lossy(&rest).starts_with("HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&rest)
    );
}

#[test]
fn binding_beyond_this_machine_warns() {
    let site = common::copy_fixture("check-ok");
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
        .arg(site.path());
    let mut server = Server::spawn(command, site);
    server.wait_for_log(
        "warning: --bind 0.0.0.0: the site is reachable from the network",
        Duration::from_secs(5),
    );
    assert_eq!(server.get("/").status, 200);
}

/// A language whose `content_dir` is outside `content/` is watched too.
#[test]
fn watches_a_languages_own_content_folder() {
    let mut server = Server::start_with(|root| {
        let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
        let zh = "[languages.en]\n[languages.zh]\ncode = \"zh-CN\"\ncontent_dir = \"zh\"\n";
        std::fs::write(root.join("config.toml"), format!("{config}{zh}")).unwrap();
        std::fs::create_dir_all(root.join("zh")).unwrap();
        std::fs::write(root.join("zh/a.md"), "+++\ntitle = \"甲\"\n+++\n第一版。\n").unwrap();
    });
    assert!(server.get("/zh/a/").body.contains("第一版"));
    std::fs::write(
        server.root().join("zh/a.md"),
        "+++\ntitle = \"甲\"\n+++\n第二版。\n",
    )
    .unwrap();
    server.get_until("/zh/a/", "the edit", |r| r.body.contains("第二版"));
    server.wait_for_log("zh/a.md changed: rebuilt in", Duration::from_secs(5));
}
