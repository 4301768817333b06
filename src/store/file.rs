//! The store's file: reading as much of it as is whole, appending segments, stamping
//! entries in place.
//!
//! After [`MAGIC`], segments of: a header (tag, entry count as u32, length of the values
//! as u64, checksum of count, length and table), a table row per entry (key, value
//! length as u32, value checksum), a stamp per entry (the day it was last used, as u32,
//! outside the checksum because it changes in place), and the values. All little-endian.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

use super::{Key, MAGIC};

const SEGMENT: &[u8; 4] = b"seg1";
const HEADER: u64 = 24;
const ROW: u64 = 44;
const STAMP: u64 = 4;
/// A longer value is taken for corruption.
const MAX_VALUE: u32 = 1 << 28;

/// Where an entry's value and stamp are.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    offset: u64,
    len: u32,
    check: [u8; 8],
    stamp_at: u64,
    pub stamp: u32,
}

impl Entry {
    /// What the entry takes in the file.
    pub fn size(&self) -> u64 {
        ROW + STAMP + u64::from(self.len)
    }
}

/// The whole segments of a file.
#[derive(Default)]
pub struct Index {
    pub entries: HashMap<Key, Entry>,
    /// Where the last whole segment ends, or 0 if the file does not start with [`MAGIC`].
    pub end: u64,
    pub segments: usize,
}

/// An entry to write.
pub struct Item<'a> {
    key: Key,
    len: u32,
    check: [u8; 8],
    stamp: u32,
    value: Value<'a>,
}

enum Value<'a> {
    New(&'a [u8]),
    /// In the file being rewritten.
    Kept(Entry),
}

impl<'a> Item<'a> {
    pub fn new(key: Key, value: &'a [u8], today: u32) -> Option<Self> {
        let len = u32::try_from(value.len())
            .ok()
            .filter(|&l| l <= MAX_VALUE)?;
        Some(Self {
            key,
            len,
            check: checksum(&[value]),
            stamp: today,
            value: Value::New(value),
        })
    }

    pub fn kept(key: Key, entry: &Entry) -> Self {
        Self {
            key,
            len: entry.len,
            check: entry.check,
            stamp: entry.stamp,
            value: Value::Kept(*entry),
        }
    }
}

/// The first 8 bytes of the BLAKE3 hash of `parts`, one after the other.
fn checksum(parts: &[&[u8]]) -> [u8; 8] {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(part);
    }
    let mut check = [0; 8];
    check.copy_from_slice(&hasher.finalize().as_bytes()[..8]);
    check
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// Every whole segment of `file`, up to the first one that is cut short or corrupt.
pub fn scan(file: &File) -> Index {
    let mut index = Index::default();
    let Ok(len) = file.metadata().map(|m| m.len()) else {
        return index;
    };
    let mut magic = [0; MAGIC.len()];
    if read_at(file, &mut magic, 0).is_err() || &magic != MAGIC {
        return index;
    }
    index.end = MAGIC.len() as u64;
    while let Some(end) = read_segment(file, index.end, len, &mut index.entries) {
        index.end = end;
        index.segments += 1;
    }
    index
}

/// Adds the entries of the segment at `at` and returns where it ends, if it is whole.
fn read_segment(file: &File, at: u64, len: u64, entries: &mut HashMap<Key, Entry>) -> Option<u64> {
    let mut header = [0; HEADER as usize];
    if at + HEADER > len || read_at(file, &mut header, at).is_err() || &header[..4] != SEGMENT {
        return None;
    }
    let count = u64::from(u32_at(&header, 4));
    let values_len = u64::from_le_bytes(header[8..16].try_into().expect("8 bytes"));
    let stamps_at = at + HEADER + count * ROW;
    let values_at = stamps_at + count * STAMP;
    let end = values_at
        .checked_add(values_len)
        .filter(|&end| end <= len)?;
    // Within the file's length, so a corrupt count cannot ask for a huge buffer.
    let mut table = vec![0; usize::try_from(values_at - at - HEADER).ok()?];
    read_at(file, &mut table, at + HEADER).ok()?;
    let (rows, stamps) = table.split_at(usize::try_from(count * ROW).ok()?);
    if checksum(&[&header[4..16], rows]) != header[16..] {
        return None;
    }
    let mut offset = values_at;
    let mut found = Vec::with_capacity(rows.len() / ROW as usize);
    for (i, row) in rows.chunks_exact(ROW as usize).enumerate() {
        let len = u32_at(row, 32);
        let entry = Entry {
            offset,
            len,
            check: row[36..44].try_into().expect("8 bytes"),
            stamp_at: stamps_at + i as u64 * STAMP,
            stamp: u32_at(stamps, i * STAMP as usize),
        };
        found.push((Key(row[..32].try_into().expect("32 bytes")), entry));
        offset += u64::from(len);
    }
    if offset != end {
        return None;
    }
    entries.extend(found);
    Some(end)
}

/// The value of `entry`, if it matches its checksum.
pub fn read_value(file: &File, entry: &Entry) -> Option<Vec<u8>> {
    let mut value = vec![0; entry.len as usize];
    read_at(file, &mut value, entry.offset).ok()?;
    (checksum(&[&value]) == entry.check).then_some(value)
}

/// Marks `entry` as used on `today`.
pub fn restamp(file: &File, entry: &mut Entry, today: u32) -> io::Result<()> {
    if entry.stamp < today {
        write_at(file, &today.to_le_bytes(), entry.stamp_at)?;
        entry.stamp = today;
    }
    Ok(())
}

/// Writes `items` as one segment after the whole segments of `file` (dropping anything
/// after them, such as a segment cut short), taking kept values from `old`.
pub fn append(file: &File, index: &Index, items: &[Item], old: &File) -> io::Result<()> {
    let mut start = index.end;
    if start == 0 {
        write_at(file, MAGIC, 0)?;
        start = MAGIC.len() as u64;
    }
    file.set_len(start)?;
    let mut rows = Vec::with_capacity(items.len() * ROW as usize);
    let mut values_len = 0u64;
    for item in items {
        rows.extend_from_slice(&item.key.0);
        rows.extend_from_slice(&item.len.to_le_bytes());
        rows.extend_from_slice(&item.check);
        values_len += u64::from(item.len);
    }
    let count = u32::try_from(items.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
    let mut sizes = count.to_le_bytes().to_vec();
    sizes.extend_from_slice(&values_len.to_le_bytes());
    let mut out = BufWriter::new(file);
    out.seek(SeekFrom::Start(start))?;
    out.write_all(SEGMENT)?;
    out.write_all(&sizes)?;
    out.write_all(&checksum(&[&sizes, &rows]))?;
    out.write_all(&rows)?;
    for item in items {
        out.write_all(&item.stamp.to_le_bytes())?;
    }
    for item in items {
        match &item.value {
            Value::New(value) => out.write_all(value)?,
            // A value that no longer reads back keeps its place and fails its checksum.
            Value::Kept(entry) => match read_value(old, entry) {
                Some(value) => out.write_all(&value)?,
                None => out.write_all(&vec![0; item.len as usize])?,
            },
        }
    }
    out.flush()
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(unix)]
fn write_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(windows)]
fn write_at(file: &File, mut buf: &[u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_write(buf, offset)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => {
                buf = &buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}
