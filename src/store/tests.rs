use std::fs::{self, OpenOptions};

use super::*;

fn key(name: &str) -> Key {
    Key::new(&[name.as_bytes()])
}

fn save(dir: &Path, today: u32, entries: &[(&str, &[u8])]) {
    Store::open_on(dir, today).save(entries.iter().map(|(k, v)| (key(k), *v)));
}

fn get(dir: &Path, name: &str) -> Option<Vec<u8>> {
    Store::open(dir).get(&key(name))
}

fn store_len(dir: &Path) -> u64 {
    fs::metadata(dir.join("store")).unwrap().len()
}

#[test]
fn entries_come_back_from_one_file() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), 100, &[("a", b"alpha"), ("b", b"")]);
    save(dir.path(), 100, &[("c", b"gamma")]);
    assert_eq!(get(dir.path(), "a").as_deref(), Some(&b"alpha"[..]));
    assert_eq!(get(dir.path(), "b").as_deref(), Some(&b""[..]));
    assert_eq!(get(dir.path(), "c").as_deref(), Some(&b"gamma"[..]));
    assert_eq!(get(dir.path(), "d"), None);
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["store", "store.lock"]);
}

#[test]
fn a_rebuild_that_adds_nothing_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), 100, &[("a", b"alpha")]);
    let before = fs::read(dir.path().join("store")).unwrap();
    let store = Store::open_on(dir.path(), 100);
    assert!(store.get(&key("a")).is_some());
    store.save([(key("a"), &b"alpha"[..])]);
    assert_eq!(before, fs::read(dir.path().join("store")).unwrap());
}

#[test]
fn a_segment_cut_short_is_dropped_and_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), 100, &[("a", b"alpha")]);
    let whole = store_len(dir.path());
    save(dir.path(), 100, &[("b", b"beta")]);
    let file = OpenOptions::new()
        .write(true)
        .open(dir.path().join("store"))
        .unwrap();
    file.set_len(store_len(dir.path()) - 2).unwrap();
    assert!(get(dir.path(), "a").is_some());
    assert_eq!(get(dir.path(), "b"), None);
    save(dir.path(), 100, &[("c", b"gamma")]);
    assert!(get(dir.path(), "a").is_some());
    assert_eq!(get(dir.path(), "c").as_deref(), Some(&b"gamma"[..]));
    let index = file::scan(&File::open(dir.path().join("store")).unwrap());
    assert_eq!(index.segments, 2);
    assert!(index.end > whole);
    assert_eq!(index.end, store_len(dir.path()));
}

#[test]
fn corruption_is_a_miss_never_wrong_bytes() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), 100, &[("a", b"alpha"), ("b", b"beta")]);
    let mut bytes = fs::read(dir.path().join("store")).unwrap();
    let at = bytes.windows(5).position(|w| w == b"alpha").unwrap();
    bytes[at] = b'A';
    fs::write(dir.path().join("store"), &bytes).unwrap();
    assert_eq!(get(dir.path(), "a"), None);
    assert_eq!(get(dir.path(), "b").as_deref(), Some(&b"beta"[..]));

    // A table that fails its checksum ends the file.
    bytes[MAGIC.len() + 30] ^= 1;
    fs::write(dir.path().join("store"), &bytes).unwrap();
    assert_eq!(get(dir.path(), "b"), None);
    save(dir.path(), 100, &[("c", b"gamma")]);
    assert_eq!(get(dir.path(), "c").as_deref(), Some(&b"gamma"[..]));
}

#[test]
fn a_foreign_file_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("store"), "not a store at all").unwrap();
    assert_eq!(get(dir.path(), "a"), None);
    save(dir.path(), 100, &[("a", b"alpha")]);
    assert_eq!(get(dir.path(), "a").as_deref(), Some(&b"alpha"[..]));
}

#[test]
fn entries_unused_for_a_while_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let big = vec![7; 3 << 20];
    save(dir.path(), 100, &[("used", b"kept"), ("unused", &big)]);
    // On the window's last day: "used" is stamped, "unused" is not yet dropped.
    let store = Store::open_on(dir.path(), 100 + KEEP_DAYS);
    assert!(store.get(&key("used")).is_some());
    store.save([(key("new"), &b"fresh"[..])]);
    assert!(store_len(dir.path()) >= 3 << 20, "still within the window");
    save(dir.path(), 101 + KEEP_DAYS, &[("newer", b"fresher")]);
    assert!(
        store_len(dir.path()) < 1 << 10,
        "rewritten without the big entry"
    );
    assert_eq!(get(dir.path(), "unused"), None);
    for (name, value) in [
        ("used", &b"kept"[..]),
        ("new", b"fresh"),
        ("newer", b"fresher"),
    ] {
        assert_eq!(get(dir.path(), name).as_deref(), Some(value), "{name}");
    }
    let temporaries = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "store")
        .filter(|e| e.as_ref().unwrap().file_name() != "store.lock")
        .count();
    assert_eq!(temporaries, 0);
}

#[test]
fn many_segments_are_merged() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..MAX_SEGMENTS + 5 {
        save(
            dir.path(),
            100,
            &[(&i.to_string(), i.to_string().as_bytes())],
        );
    }
    let index = file::scan(&File::open(dir.path().join("store")).unwrap());
    assert!(index.segments < 10, "{} segments", index.segments);
    for i in 0..MAX_SEGMENTS + 5 {
        assert_eq!(
            get(dir.path(), &i.to_string()),
            Some(i.to_string().into_bytes())
        );
    }
}

#[test]
fn concurrent_builds_keep_each_others_entries() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), 100, &[("shared", b"s")]);
    // Both open the store before either saves, as two builds started together would.
    let stores: Vec<Store> = (0..4).map(|_| Store::open_on(dir.path(), 100)).collect();
    std::thread::scope(|scope| {
        for (i, store) in stores.iter().enumerate() {
            scope.spawn(move || {
                let name = format!("build {i}");
                store.save([(key(&name), name.as_bytes()), (key("both"), &b"same"[..])]);
            });
        }
    });
    for i in 0..4 {
        let name = format!("build {i}");
        assert_eq!(get(dir.path(), &name), Some(name.into_bytes()));
    }
    assert_eq!(get(dir.path(), "both").as_deref(), Some(&b"same"[..]));
    let index = file::scan(&File::open(dir.path().join("store")).unwrap());
    assert_eq!(index.entries.len(), 6, "no entry written twice");
}

#[test]
fn entries_put_are_written_with_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_on(dir.path(), 100);
    store.put(key("code"), b"<pre>".to_vec());
    store.save([(key("formula"), &b"<math>"[..])]);
    assert_eq!(get(dir.path(), "code").as_deref(), Some(&b"<pre>"[..]));
    assert_eq!(get(dir.path(), "formula").as_deref(), Some(&b"<math>"[..]));
}
