//! Writing a report (`-o`) or a baseline (`--write-baseline`) so that nothing is lost: the
//! text goes to a temporary file in the target's directory, is flushed to disk, and is then
//! renamed over the target. A rename within one filesystem is atomic, so a run that is
//! interrupted, or fails to write, leaves the old file whole and a reader never sees half
//! of the new one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A file being written in place of `path`: its text goes to a temporary file beside the
/// target as it is made, and replaces the target only at [`File::commit`]. Dropped
/// uncommitted (a failed run), the temporary file is removed and the target left as it was.
/// An existing target keeps its permissions; a symbolic link is written through, not
/// replaced. A target that is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe)
/// is written to directly: renaming over it would replace the device with a file.
pub struct File {
    target: PathBuf,
    sink: Sink,
}

enum Sink {
    Temp(std::io::BufWriter<tempfile::NamedTempFile>),
    Direct(std::io::BufWriter<std::fs::File>),
}

impl File {
    /// Makes the temporary file: a directory that does not exist or cannot be written to
    /// fails here, before any work, not when the text is done.
    pub fn create(path: &Path) -> std::io::Result<File> {
        let target: PathBuf = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let f = std::fs::OpenOptions::new().write(true).open(&target)?;
            return Ok(File {
                target,
                sink: Sink::Direct(std::io::BufWriter::with_capacity(1 << 16, f)),
            });
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".factcheck-")
            .suffix(".tmp")
            .tempfile_in(dir)
            // The temporary file's name is ours, not the user's: say what went wrong only.
            .map_err(|e| std::io::Error::new(e.kind(), without_path(&e)))?;
        Ok(File {
            target,
            sink: Sink::Temp(std::io::BufWriter::with_capacity(1 << 16, tmp)),
        })
    }

    /// Where the text is being written until the commit (none when written directly).
    pub fn temp_path(&self) -> Option<&Path> {
        match &self.sink {
            Sink::Temp(t) => Some(t.get_ref().path()),
            Sink::Direct(_) => None,
        }
    }

    /// Flushes the text to disk and renames it over the target (or, written directly,
    /// flushes it).
    pub fn commit(self) -> std::io::Result<()> {
        let tmp = match self.sink {
            Sink::Direct(mut f) => return f.flush(),
            Sink::Temp(t) => t.into_inner().map_err(|e| e.into_error())?,
        };
        tmp.as_file().sync_all()?;
        match std::fs::metadata(&self.target) {
            Ok(m) => tmp.as_file().set_permissions(m.permissions())?,
            Err(_) => default_permissions(tmp.as_file())?,
        }
        tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for File {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Temp(t) => t.write(buf),
            Sink::Direct(f) => f.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Temp(t) => t.write_all(buf),
            Sink::Direct(f) => f.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Temp(t) => t.flush(),
            Sink::Direct(f) => f.flush(),
        }
    }
}

/// An I/O error's message without the path `tempfile` appends ("… at path \"/x/.tmp\"").
fn without_path(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at path \"") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A new report is readable by others, as `std::fs::write` would leave it under the usual
/// umask (temporary files are created private).
#[cfg(unix)]
fn default_permissions(f: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let mut f = File::create(path)?;
        f.write_all(bytes)?;
        f.commit()
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.json");
        std::fs::write(&p, "old").unwrap();
        write(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn text_reaches_the_target_only_at_commit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.json");
        std::fs::write(&p, "old").unwrap();
        let mut f = File::create(&p).unwrap();
        for _ in 0..10_000 {
            f.write_all(b"0123456789").unwrap(); // past the buffer: on disk, in the temporary
        }
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap().len(), 100_000);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // Dropped before its commit: the old file stays, the temporary goes.
        let mut f = File::create(&p).unwrap();
        f.write_all(&[b'x'; 200_000]).unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&p).unwrap().len(), 100_000);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_directory_that_does_not_exist_fails_at_once_naming_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let e = File::create(&dir.path().join("gone/report.json"))
            .err()
            .unwrap();
        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
        assert!(!e.to_string().contains(".factcheck-"), "{e}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.json");
        std::fs::write(&p, "old").unwrap();
        // The temporary file cannot be made where the target's directory does not exist.
        assert!(write(&dir.path().join("gone/report.json"), b"new").is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    }

    #[cfg(unix)]
    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        let f = File::create(Path::new("/dev/null")).unwrap();
        assert!(f.temp_path().is_none());
        let mut f = f;
        f.write_all(b"report").unwrap();
        f.commit().unwrap();
        let m = std::fs::metadata("/dev/null").unwrap();
        assert!(!m.is_file(), "/dev/null is still a device");
    }

    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
}
