fn show(name: &str, text: &str) {
    println!("=== {name}");
    match factcheck::kb::load_sources(vec![(name.to_string(), text.to_string())]) {
        Ok(kb) => println!(
            "OK {} {} {}",
            kb.entities.len(),
            kb.records.len(),
            kb.figure_count()
        ),
        Err(ps) => {
            for p in ps {
                println!(
                    "{} | {} | {:?}",
                    p.code,
                    p.message,
                    p.location().map(|(_, l)| (l.line, l.column))
                );
            }
        }
    }
}
#[test]
fn dump() {
    show(
        "mixed",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='v'\namount = { min = \"$2 billion\", max = \"€1 billion\" }\n",
    );
    show(
        "cascade-names",
        "[[entity]]\nid='kosovo'\nnames='Kosovo'\n[[record]]\nid='r'\nabout=['kosovo']\n",
    );
    show(
        "cascade-empty",
        "[[entity]]\nid='kosovo'\nnames=[]\n[[record]]\nid='r'\nabout=['kosovo']\n",
    );
    show(
        "record-no-id",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nabout=['nope']\nsource='nosrc'\n",
    );
    show(
        "year-figure",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='d'\ndate='2024'\n",
    );
    show(
        "huge",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='c'\ncount=99999999999999999999\n",
    );
    show(
        "pct-range-neg",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='c'\npercent=-5\n",
    );
    show(
        "tol-neg",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='c'\ncount=5\ntolerance=-2\n",
    );
    show(
        "tol-pct-neg",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='c'\ncount=5\ntolerance='-5%'\n",
    );
    show("crlf", "[[entity]]\r\nid='k'\r\nnmes=['K']\r\n");
    show(
        "unicode-col",
        "[[source]]\nid='s'\ntitle='Kosovo – Javelin'\n[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\nsource='s'\n[[record.figure]]\nid='c'\nnote='Kosovo – x'; count='5'\n",
    );
    show(
        "count-float",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='c'\ncount=24.0\n",
    );
    show("single-table", "[entity]\nid='k'\nnames=['K']\n");
    show("unterminated", "[[entity]]\nid = \"kosovo\nnames = ['K']\n");
    show(
        "dup-figure",
        "[[entity]]\nid='k'\nnames=['K']\n[[record]]\nid='r'\nabout=['k']\n[[record.figure]]\nid='c'\ncount=5\n[[record.figure]]\nid='c'\ncount=6\n",
    );
}
