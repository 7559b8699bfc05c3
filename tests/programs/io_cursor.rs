// std::io as crates use it in memory: Write into Vec<u8>/Cursor, BufWriter, Read/BufRead over
// byte slices (read_line, lines, split, read_exact, read_to_end), Seek on Cursor,
// io::copy between readers and writers, little/big-endian encode/decode of a record format.
use std::io::{self, BufRead, BufReader, BufWriter, Cursor, Read, Seek, SeekFrom, Write};

#[derive(Debug, PartialEq)]
struct Rec { id: u32, score: f32, name: String }

fn encode(recs: &[Rec], w: &mut impl Write) -> io::Result<usize> {
    let mut n = 0;
    for r in recs {
        w.write_all(&r.id.to_le_bytes())?;
        w.write_all(&r.score.to_be_bytes())?;
        w.write_all(&[r.name.len() as u8])?;
        w.write_all(r.name.as_bytes())?;
        n += 9 + r.name.len();
    }
    Ok(n)
}

fn decode(r: &mut impl Read) -> io::Result<Vec<Rec>> {
    let mut out = Vec::new();
    loop {
        let mut id = [0u8; 4];
        match r.read_exact(&mut id) { Ok(()) => {}, Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break, Err(e) => return Err(e) }
        let mut sc = [0u8; 4]; r.read_exact(&mut sc)?;
        let mut len = [0u8; 1]; r.read_exact(&mut len)?;
        let mut name = vec![0u8; len[0] as usize]; r.read_exact(&mut name)?;
        out.push(Rec { id: u32::from_le_bytes(id), score: f32::from_be_bytes(sc), name: String::from_utf8(name).unwrap() });
    }
    Ok(out)
}

fn main() -> io::Result<()> {
    let recs = vec![Rec { id: 1, score: 9.5, name: "ann".into() }, Rec { id: 70000, score: -0.125, name: "bartholomew".into() }, Rec { id: 3, score: 1e10, name: String::new() }];
    let mut buf = Vec::new();
    let n = encode(&recs, &mut buf)?;
    println!("encoded {} bytes {:?}", n, &buf[..14]);
    let back = decode(&mut &buf[..])?;
    println!("roundtrip {} {:?}", back == recs, back[1]);
    let mut cur = Cursor::new(Vec::new());
    write!(cur, "line one\nline two\n")?;
    writeln!(cur, "third {}", 3)?;
    cur.seek(SeekFrom::Start(5))?;
    cur.write_all(b"ONE")?;
    let pos = cur.stream_position()?;
    cur.seek(SeekFrom::End(-2))?;
    let mut tail = String::new();
    cur.read_to_string(&mut tail)?;
    println!("cursor pos {} tail {:?} len {}", pos, tail, cur.get_ref().len());
    cur.rewind()?;
    let lines: Vec<String> = cur.lines().collect::<Result<_, _>>()?;
    println!("lines {:?}", lines);
    let text = b"alpha,beta,,gamma\ndelta\n\nepsilon";
    let mut rdr = BufReader::with_capacity(4, &text[..]);
    let mut first = String::new();
    let got = rdr.read_line(&mut first)?;
    println!("read_line {} {:?}", got, first);
    let rest: Vec<Vec<u8>> = rdr.split(b'\n').collect::<Result<_, _>>()?;
    println!("split rest {:?}", rest.iter().map(|v| String::from_utf8_lossy(v).into_owned()).collect::<Vec<_>>());
    let fields: Vec<String> = BufReader::new(&text[..]).split(b',').map(|r| r.map(|v| String::from_utf8(v).unwrap())).collect::<Result<_, _>>()?;
    println!("fields {:?}", fields);
    let mut sink = Vec::new();
    {
        let mut bw = BufWriter::with_capacity(8, &mut sink);
        for i in 0..10 { write!(bw, "{}:", i * i)?; }
        bw.flush()?;
    }
    println!("bufwriter {}", String::from_utf8_lossy(&sink));
    let mut src = Cursor::new((0..=255u8).collect::<Vec<_>>());
    src.set_position(250);
    let mut dst = Vec::new();
    let copied = io::copy(&mut src, &mut dst)?;
    println!("copied {} {:?}", copied, dst);
    let mut chained = (&b"abc"[..]).chain(&b"defg"[..]).take(5);
    let mut all = Vec::new();
    chained.read_to_end(&mut all)?;
    println!("chain+take {:?}", String::from_utf8(all).unwrap());
    let mut short = &b"xy"[..];
    let mut four = [0u8; 4];
    println!("read_exact short: {:?}", short.read_exact(&mut four).map_err(|e| e.kind()));
    let mut slice_w = [0u8; 5];
    let mut sw = &mut slice_w[..];
    let r = sw.write_all(b"toolong");
    println!("write to small slice: {:?} {:?}", r.map_err(|e| e.kind()), slice_w);
    let mut out = io::stdout().lock();
    writeln!(out, "direct stdout write ok")?;
    Ok(())
}
