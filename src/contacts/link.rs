//! Linking: which documents report the same contact.
//!
//! Two documents are linked when either
//! - they are **mirrors**: their texts' signatures agree on at least [`MIRROR_SIMILARITY`] of
//!   their bins (the same readout republished under other chrome), and their days, when both
//!   are known, are at most [`MIRROR_MAX_DAYS`] apart; this holds where extraction failed; or
//! - they are **the two sides' readouts** of one contact: compatible event types, the same
//!   principals (every principal of the document that names fewer is one of the other's, and
//!   there are at least two; an unnamed one is a principal of its country and office), and days
//!   at most a day apart (time zones). A readout with no day (many pages give it only in their
//!   address) joins the one contact that fits it, by principals, type and any month or year it
//!   gives; where several contacts fit, it joins none.
//!
//! Links are transitive: a mirror of one side's readout joins the other side's too.

use super::key::LinkKey;
use super::signature::Signature;
use crate::data::office_holders::Office;
use crate::record::EventType;
use rustc_hash::{FxHashMap, FxHashSet};

pub const MIRROR_SIMILARITY: f64 = 0.6;
pub const MIRROR_MAX_DAYS: i64 = 3;

/// Signature bands compared to find candidate mirrors (4 values each).
const BANDS: usize = 8;

/// A band key shared by more documents than this is boilerplate, not a copy: not followed.
const MAX_BUCKET: usize = 64;

/// The groups of two or more documents that report one contact, as positions in `keys`, each
/// sorted, in order of their first position.
pub fn link(keys: &[LinkKey]) -> Vec<Vec<usize>> {
    let mut corpus = Corpus::default();
    for key in keys {
        corpus.push(key);
    }
    corpus.link()
}

/// What linking keeps of each document, compactly: a corpus of 100,000 readouts is held whole
/// (its keys' strings are interned, its signatures kept as numbers).
#[derive(Default)]
pub struct Corpus {
    words: FxHashMap<String, u32>,
    docs: Docs,
    signatures: Vec<Option<Signature>>,
}

/// Every document's facts, and the principals and name words they point into, each list end
/// to end: at a million readouts a boxed slice a document and a principal took about 40 MB
/// more, at the peak of an index run.
#[derive(Default)]
struct Docs {
    facts: Vec<Facts>,
    principals: Vec<Principal>,
    name_words: Vec<u32>,
}

/// A run of one of [`Docs`]'s lists.
#[derive(Clone, Copy)]
struct Run {
    start: u32,
    len: u32,
}

impl Run {
    /// The run of the items from `start` to the end of `list`.
    fn to_end<T>(list: &[T], start: usize) -> Run {
        Run {
            start: start as u32,
            len: (list.len() - start) as u32,
        }
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

impl Corpus {
    /// A corpus with room for `documents` before it grows.
    pub fn with_capacity(documents: usize) -> Corpus {
        Corpus {
            words: FxHashMap::default(),
            docs: Docs {
                facts: Vec::with_capacity(documents),
                // About two principals a document and two words a name, with room to spare:
                // a list that outgrows its room is copied whole, both copies held at once.
                principals: Vec::with_capacity(documents * 5 / 2),
                name_words: Vec::with_capacity(documents * 5),
            },
            signatures: Vec::with_capacity(documents),
        }
    }

    /// Adds a document; its position is the number added before it.
    pub fn push(&mut self, key: &LinkKey) {
        let words = &mut self.words;
        let mut intern = |w: &str| -> u32 {
            if let Some(&id) = words.get(w) {
                return id;
            }
            let id = words.len() as u32;
            words.insert(w.to_string(), id);
            id
        };
        let docs = &mut self.docs;
        let first_principal = docs.principals.len();
        let mut country_word = String::new();
        for p in &key.principals {
            let first_word = docs.name_words.len();
            for w in p.words.split(' ').filter(|w| !w.is_empty()) {
                docs.name_words.push(intern(w));
            }
            // Countries share the table, kept apart from words by a prefix.
            let country = p.country.as_deref().map(|c| {
                country_word.clear();
                country_word.push('\u{1}');
                country_word.push_str(c);
                intern(&country_word)
            });
            docs.principals.push(Principal {
                words: Run::to_end(&docs.name_words, first_word),
                country,
                office: p.office,
            });
        }
        // Days since 1970 fit in 32 bits for 5 million years; one that does not is unknown.
        let day = |d: i64| i32::try_from(d).ok();
        docs.facts.push(Facts {
            day: key.day.and_then(day),
            within: key.within.and_then(|(a, b)| Some((day(a)?, day(b)?))),
            event_type: key.event_type,
            principals: Run::to_end(&docs.principals, first_principal),
        });
        self.signatures.push(key.signature());
    }

    pub fn len(&self) -> usize {
        self.docs.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.facts.is_empty()
    }

    /// The groups of [`link`], over the documents added. Each table is let go once its
    /// step is done: at a million readouts the signatures alone are 66 MB, and linking's peak
    /// is an index run's.
    pub fn link(self) -> Vec<Vec<usize>> {
        let Corpus {
            words,
            docs,
            signatures,
        } = self;
        let mut sets = DisjointSets::new(docs.facts.len());
        link_mirrors(&docs.facts, &signatures, &mut sets);
        drop(signatures);
        let mut spellings = vec![""; words.len()];
        for (word, &id) in &words {
            spellings[id as usize] = word;
        }
        let names = Names {
            spellings,
            docs: &docs,
        };
        link_dated_sides(&names, &mut sets);
        link_undated_sides(&names, &mut sets);
        drop(names);
        drop(docs);
        sets.groups()
    }
}

fn link_mirrors(facts: &[Facts], signatures: &[Option<Signature>], sets: &mut DisjointSets) {
    // One band at a time (a band's keys never meet another's), every (band key, document)
    // sorted: documents that share a band key are neighbours. All bands at once took 16 bytes
    // a band a document, 128 MB at a million readouts.
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(signatures.len());
    for band in 0..BANDS {
        keys.clear();
        for (i, s) in signatures.iter().enumerate() {
            if let Some(key) = s.as_ref().and_then(|s| s.band(BANDS, band)) {
                keys.push((key, i as u32));
            }
        }
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 || run.len() > MAX_BUCKET {
                continue;
            }
            for (n, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[n + 1..] {
                    let (a, b) = (a as usize, b as usize);
                    if sets.same(a, b) {
                        continue;
                    }
                    let (Some(sa), Some(sb)) = (&signatures[a], &signatures[b]) else {
                        continue;
                    };
                    let near_in_time = match (facts[a].day(), facts[b].day()) {
                        (Some(x), Some(y)) => (x - y).abs() <= MIRROR_MAX_DAYS,
                        _ => true,
                    };
                    if near_in_time && sa.similarity(sb) >= MIRROR_SIMILARITY {
                        sets.join(a, b);
                    }
                }
            }
        }
    }
}

/// A document's facts as linking compares them: names as interned words, countries interned.
/// Kept small (runs of shared lists, 32-bit days): linking holds one per record of the corpus,
/// and at a million readouts they were most of an index run's peak memory.
struct Facts {
    day: Option<i32>,
    within: Option<(i32, i32)>,
    event_type: EventType,
    /// Its run of [`Docs::principals`].
    principals: Run,
}

struct Principal {
    /// Its run of [`Docs::name_words`]; none for a principal named by office only.
    words: Run,
    country: Option<u32>,
    office: Option<Office>,
}

impl Principal {
    /// Whether an unnamed principal may be `other`: of its office, where both are known. A
    /// head of state and a head of government are one kind here (leaders): which one a title
    /// names depends on the country ("President" heads Iran's government), and a page that
    /// never says whose office it is cannot tell.
    fn office_fits(&self, other: &Principal) -> bool {
        let leads = |o: Office| matches!(o, Office::HeadOfState | Office::HeadOfGovernment);
        match (self.office, other.office) {
            (Some(a), Some(b)) => a == b || (leads(a) && leads(b)),
            _ => true,
        }
    }
}

impl Facts {
    /// The day of the document's contact, if it gives one.
    fn day(&self) -> Option<i64> {
        self.day.map(i64::from)
    }

    /// The first and last day the document's date allows, if it gives any.
    fn days(&self) -> Option<(i64, i64)> {
        self.day()
            .map(|d| (d, d))
            .or(self.within.map(|(a, b)| (i64::from(a), i64::from(b))))
    }
}

impl Docs {
    fn principals(&self, f: &Facts) -> &[Principal] {
        &self.principals[f.principals.range()]
    }

    fn words(&self, p: &Principal) -> &[u32] {
        &self.name_words[p.words.range()]
    }

    /// The name words of all the document's principals: one run, since [`Corpus::push`]
    /// adds a principal's words just before the next principal's.
    fn all_words(&self, f: &Facts) -> impl Iterator<Item = u32> + '_ {
        let principals = self.principals(f);
        let words = principals.first().map_or(0..0, |first| {
            let last = principals[principals.len() - 1].words;
            first.words.start as usize..(last.start + last.len) as usize
        });
        self.name_words[words].iter().copied()
    }

    /// Whether a principal has neither name nor country: a page that never says whose office
    /// spoke.
    fn whose_unsaid(&self, f: &Facts) -> bool {
        self.principals(f)
            .iter()
            .any(|p| p.words.len == 0 && p.country.is_none())
    }

    /// The pairs of distinct countries among the principals: where the other side's readout
    /// is looked for.
    fn country_pairs(&self, f: &Facts) -> Vec<(u32, u32)> {
        let mut countries: Vec<u32> = self
            .principals(f)
            .iter()
            .filter_map(|p| p.country)
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let mut pairs = Vec::new();
        for (n, a) in countries.iter().enumerate() {
            for b in &countries[n + 1..] {
                pairs.push((*a, *b));
            }
        }
        pairs
    }
}

/// Links the dated documents of one contact, a day apart at most. Two readouts of one contact
/// whose principals all have a country share a country (every principal of one is one of the
/// other's, of the same country), so they are compared within a day's documents of one
/// country; comparing every pair of a day grew with the square of a day's documents (most of
/// a relink at 1M readouts). A document with a principal of no stated country is compared with
/// every document of its day and the days either side.
fn link_dated_sides(names: &Names, sets: &mut DisjointSets) {
    let docs = names.docs;
    let facts = &docs.facts;
    let dated = |f: &Facts| f.day.filter(|_| f.principals.len >= 2);
    let countried = |f: &Facts| docs.principals(f).iter().all(|p| p.country.is_some());
    let uncountried: Vec<usize> = (0..facts.len())
        .filter(|&i| dated(&facts[i]).is_some() && !countried(&facts[i]))
        .collect();
    let mut compare = |a: usize, b: usize| {
        if a != b && !sets.same(a, b) && names.same_contact(&facts[a], &facts[b]) {
            sets.join(a, b);
        }
    };
    let run_at = |list: &[(i32, u32, u32)], day: i64, country: u32| {
        let key = |e: &(i32, u32, u32)| (i64::from(e.0), e.1);
        let start = list.partition_point(|e| key(e) < (day, country));
        let len = list[start..]
            .iter()
            .take_while(|e| key(e) == (day, country))
            .count();
        start..start + len
    };
    // Only documents of one family of types can report one contact (see [`compatible`]), so
    // each family's documents are listed and compared apart, and those of no family with none:
    // at a million readouts, 76 million comparisons of which 33 million were of one family.
    // Sorted (day, country, document) lists rather than maps of lists: a (day, country)'s
    // documents are a run, in the order they were added. Maps of `Vec`s took about 115 bytes
    // a document, most of a million-readout relink's peak.
    let mut countries: Vec<u32> = Vec::new();
    for family in TYPE_FAMILIES {
        let mut by_country: Vec<(i32, u32, u32)> = Vec::new();
        for (i, f) in facts.iter().enumerate() {
            let Some(day) = dated(f).filter(|_| type_family(f.event_type) == family) else {
                continue;
            };
            if countried(f) {
                countries.clear();
                countries.extend(docs.principals(f).iter().filter_map(|p| p.country));
                countries.sort_unstable();
                countries.dedup();
                by_country.extend(countries.iter().map(|&c| (day, c, i as u32)));
            }
        }
        by_country.sort_unstable();
        for today in by_country.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let (day, country) = (i64::from(today[0].0), today[0].1);
            let tomorrow = &by_country[run_at(&by_country, day + 1, country)];
            for (n, &(_, _, a)) in today.iter().enumerate() {
                for &(_, _, b) in today[n + 1..].iter().chain(tomorrow) {
                    compare(a as usize, b as usize);
                }
            }
        }
    }
    if uncountried.is_empty() {
        return;
    }
    let mut by_day: Vec<(i32, u32)> = facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((dated(f)?, i as u32)))
        .collect();
    by_day.sort_unstable();
    for &a in &uncountried {
        let Some(day) = facts[a].day() else { continue };
        let first = by_day.partition_point(|&(d, _)| i64::from(d) < day - 1);
        for &(_, b) in by_day[first..]
            .iter()
            .take_while(|&&(d, _)| i64::from(d) <= day + 1)
        {
            compare(a, b as usize);
        }
    }
}

/// Each document without a day joins the one contact its principals, type and date range fit.
/// Its candidates are the documents that name two of its countries and, where one of the two
/// has a principal of no name and no country (a page that never says whose "Prime Minister"
/// spoke, so no pair of countries), those that give a word of the rarest of its names. A
/// principal of no country that is named (the head of an organisation) does not open that
/// second way: such a person meets the same leaders year after year, and a page that dates
/// none of their meetings fits whichever one the corpus holds.
fn link_undated_sides(names: &Names, sets: &mut DisjointSets) {
    let docs = names.docs;
    let facts = &docs.facts;
    let linkable = |f: &Facts| f.principals.len >= 2;
    let undated: Vec<usize> = (0..facts.len())
        .filter(|&i| facts[i].day.is_none() && linkable(&facts[i]))
        .collect();
    if undated.is_empty() {
        return;
    }
    let mut by_pair: FxHashMap<(u32, u32), Vec<usize>> = FxHashMap::default();
    for (i, f) in facts.iter().enumerate() {
        if linkable(f) {
            for pair in docs.country_pairs(f) {
                by_pair.entry(pair).or_default().push(i);
            }
        }
    }
    // Only the words the undated documents' names give are listed.
    let wanted: FxHashSet<u32> = undated
        .iter()
        .flat_map(|&u| docs.all_words(&facts[u]))
        .collect();
    let mut by_word: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, f) in facts.iter().enumerate() {
        if !linkable(f) {
            continue;
        }
        let mut words: Vec<u32> = docs.all_words(f).filter(|w| wanted.contains(w)).collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            by_word.entry(w).or_default().push(i);
        }
    }
    for u in undated {
        let f = &facts[u];
        let unsaid = docs.whose_unsaid(f);
        let rarest_word = docs
            .all_words(f)
            .filter_map(|w| by_word.get(&w))
            .min_by_key(|found| found.len());
        let pairs = docs.country_pairs(f);
        // (documents, whether they were found by a name alone)
        let lists = pairs
            .iter()
            .filter_map(|pair| by_pair.get(pair))
            .map(|found| (found, false))
            .chain(rarest_word.map(|found| (found, true)));
        let mut seen = FxHashSet::default();
        let mut contacts = FxHashSet::default();
        // Two contacts that fit are as many as a thousand: it joins none, so stop looking (a
        // readout without a date in a large corpus fits many).
        'lists: for (found, by_name) in lists {
            for &v in found {
                if v == u
                    || (by_name && !unsaid && !docs.whose_unsaid(&facts[v]))
                    || !seen.insert(v)
                {
                    continue;
                }
                if overlapping(f.days(), facts[v].days()) && names.same_contact(f, &facts[v]) {
                    contacts.insert(sets.root(v));
                    if contacts.len() > 1 {
                        break 'lists;
                    }
                }
            }
        }
        if contacts.len() == 1
            && let Some(&root) = contacts.iter().next()
        {
            sets.join(u, root);
        }
    }
}

/// Whether two date ranges (a day either side, for time zones) can be one day; an unknown date
/// fits any.
fn overlapping(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 + 1 && b0 <= a1 + 1,
        _ => true,
    }
}

/// Types one contact may be given by two writers: a call is a phone or a video call; a meeting
/// may be called talks or a visit.
fn compatible(a: EventType, b: EventType) -> bool {
    type_family(a) != 0 && type_family(a) == type_family(b)
}

/// The families of [`type_family`] that a contact can be of.
const TYPE_FAMILIES: [u8; 3] = [1, 2, 3];

/// A type's family: calls, meetings, messages, or none (0) for other events.
fn type_family(t: EventType) -> u8 {
    use EventType::*;
    match t {
        PhoneCall | VideoCall => 1,
        Meeting | Talks | Visit | Signing => 2,
        Message => 3,
        Other => 0,
    }
}

/// The words of names, by their interned number: two spellings of one name are compared by
/// their letters.
struct Names<'a> {
    spellings: Vec<&'a str>,
    docs: &'a Docs,
}

impl Names<'_> {
    /// Whether two documents report one contact by their facts: compatible types and the
    /// same principals (their dates are compared by the caller).
    fn same_contact(&self, a: &Facts, b: &Facts) -> bool {
        compatible(a.event_type, b.event_type)
            && self.same_principals(self.docs.principals(a), self.docs.principals(b))
    }

    /// Every principal of the shorter list is a distinct principal of the longer one, and
    /// there are at least two. A named principal matches by name (one's words among the
    /// other's) with no country against it; an unnamed one matches an unmatched principal of
    /// its country.
    fn same_principals(&self, a: &[Principal], b: &[Principal]) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if short.len() < 2 {
            return false;
        }
        // Asked of millions of pairs: a short list's marks stay on the stack.
        let mut on_stack = [false; 8];
        let mut on_heap = Vec::new();
        let used: &mut [bool] = if long.len() <= on_stack.len() {
            &mut on_stack[..long.len()]
        } else {
            on_heap.resize(long.len(), false);
            &mut on_heap
        };
        for p in short.iter().filter(|p| p.words.len > 0) {
            let Some(at) = (0..long.len()).find(|&i| !used[i] && self.same_person(p, &long[i]))
            else {
                return false;
            };
            used[at] = true;
        }
        let named_matched = used.iter().any(|&u| u);
        for p in short.iter().filter(|p| p.words.len == 0) {
            // One the text gives no country either ("The Prime Minister spoke to ...", on a
            // page that never says whose) is the other principal left, beside a named one
            // matched. Either way the office must agree: "the Prime Minister" is not the
            // President of the European Commission.
            let fits = |i: usize| {
                p.office_fits(&long[i])
                    && match p.country {
                        Some(country) => long[i].country == Some(country),
                        None => named_matched,
                    }
            };
            let Some(at) = (0..long.len()).find(|&i| !used[i] && fits(i)) else {
                return false;
            };
            used[at] = true;
        }
        true
    }

    /// The same name (one's words all among the other's, in any order), or, for two
    /// principals of one stated country, the same words spelt a letter apart (Tokayev and
    /// Toqayev, Mahmood and Mehmood): transliterations differ by publisher.
    fn same_person(&self, a: &Principal, b: &Principal) -> bool {
        let (a_words, b_words) = (self.docs.words(a), self.docs.words(b));
        if a_words.is_empty() || b_words.is_empty() {
            return false;
        }
        match (a.country, b.country) {
            (Some(x), Some(y)) if x != y => false,
            (Some(_), Some(_)) => {
                let spelt_alike = |x: u32, y: u32| {
                    x == y
                        || one_letter_apart(self.spellings[x as usize], self.spellings[y as usize])
                };
                words_within(a_words, b_words, spelt_alike)
                    || words_within(b_words, a_words, spelt_alike)
            }
            _ => {
                words_within(a_words, b_words, |x, y| x == y)
                    || words_within(b_words, a_words, |x, y| x == y)
            }
        }
    }
}

/// Every word of `x` matches a word of `y`.
fn words_within(x: &[u32], y: &[u32], same: impl Fn(u32, u32) -> bool) -> bool {
    x.iter().all(|&w| y.iter().any(|&v| same(w, v)))
}

/// Two words of five letters or more that one substitution, insertion or deletion turns into
/// each other. Shorter words must be equal: "Un" and "Il" are different names. Linking asks this
/// of millions of pairs, so ASCII words are compared as bytes, with nothing allocated.
fn one_letter_apart(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return letters_one_apart(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    letters_one_apart(&a, &b)
}

/// [`one_letter_apart`] over the words' letters.
fn letters_one_apart<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 5 || long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == short.len() {
        return true;
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Union-find over positions.
struct DisjointSets {
    parent: Vec<u32>,
}

impl DisjointSets {
    fn new(n: usize) -> DisjointSets {
        DisjointSets {
            parent: (0..n as u32).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] as usize != i {
            let up = self.parent[self.parent[i] as usize];
            self.parent[i] = up;
            i = up as usize;
        }
        i
    }

    fn same(&mut self, a: usize, b: usize) -> bool {
        self.root(a) == self.root(b)
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            let (low, high) = (ra.min(rb), ra.max(rb));
            self.parent[high] = low as u32;
        }
    }

    /// The sets of two or more, each in order, in order of their first position. A set's root
    /// is its first position ([`DisjointSets::join`] keeps the lower root), so the linked
    /// positions sorted by (root, position) are the groups in order; no map of every position.
    fn groups(mut self) -> Vec<Vec<usize>> {
        let roots: Vec<u32> = (0..self.parent.len())
            .map(|i| self.root(i) as u32)
            .collect();
        drop(self);
        let mut sizes = vec![0u32; roots.len()];
        for &r in &roots {
            sizes[r as usize] += 1;
        }
        let mut linked: Vec<(u32, u32)> = roots
            .iter()
            .enumerate()
            .filter(|&(_, &r)| sizes[r as usize] > 1)
            .map(|(i, &r)| (r, i as u32))
            .collect();
        drop(sizes);
        linked.sort_unstable();
        linked
            .chunk_by(|a, b| a.0 == b.0)
            .map(|group| group.iter().map(|&(_, i)| i as usize).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::key::KeyPrincipal;
    use super::*;

    fn key(day: i64, t: EventType, principals: &[(&str, Option<&str>)]) -> LinkKey {
        LinkKey {
            day: Some(day),
            within: None,
            event_type: t,
            principals: principals
                .iter()
                .map(|(n, c)| KeyPrincipal::new(n, *c, None))
                .collect(),
            signature: None,
        }
    }

    fn undated(t: EventType, principals: Vec<KeyPrincipal>) -> LinkKey {
        LinkKey {
            day: None,
            within: None,
            event_type: t,
            principals,
            signature: None,
        }
    }

    #[test]
    fn an_unnamed_principal_is_matched_only_to_a_holder_of_its_office() {
        use Office::*;
        // "The Prime Minister spoke to Prime Minister Jonas Berg of Norway": whose Prime
        // Minister the page never says.
        let unnamed_side = undated(
            EventType::PhoneCall,
            vec![
                KeyPrincipal::new("", None, Some(HeadOfGovernment)),
                KeyPrincipal::new("jonas berg", Some("NOR"), Some(HeadOfGovernment)),
            ],
        );
        let other_side = undated(
            EventType::PhoneCall,
            vec![
                KeyPrincipal::new("jonas berg", Some("NOR"), Some(HeadOfGovernment)),
                KeyPrincipal::new("ann lowe", Some("GBR"), Some(HeadOfGovernment)),
            ],
        );
        // Another call of his, weeks later, with the head of an organisation.
        let commission = LinkKey {
            day: Some(20_000),
            ..undated(
                EventType::PhoneCall,
                vec![
                    KeyPrincipal::new("jonas berg", Some("NOR"), Some(HeadOfGovernment)),
                    KeyPrincipal::new("eva lind", None, Some(OrgHead)),
                ],
            )
        };
        assert_eq!(
            link(&[commission.clone(), unnamed_side.clone(), other_side.clone()]),
            vec![vec![1, 2]]
        );
        // The same from the other side: the dated page finds the undated one by a name.
        let dated_other_side = LinkKey {
            day: Some(19_000),
            ..other_side.clone()
        };
        assert_eq!(
            link(&[dated_other_side, unnamed_side.clone()]),
            vec![vec![0, 1]]
        );
        // A named head of an organisation has no country either, but meets the same leaders
        // year after year: an undated page of theirs is not looked up by name.
        let undated_visit = undated(
            EventType::Meeting,
            vec![
                KeyPrincipal::new("", Some("USA"), Some(HeadOfState)),
                KeyPrincipal::new("lars holm", None, Some(OrgHead)),
            ],
        );
        let dated_visit = LinkKey {
            day: Some(19_000),
            ..undated(
                EventType::Meeting,
                vec![
                    KeyPrincipal::new("lars holm", None, Some(OrgHead)),
                    KeyPrincipal::new("tom reed", Some("USA"), Some(HeadOfState)),
                ],
            )
        };
        assert!(link(&[undated_visit, dated_visit]).is_empty());
        // "The President" of a page that never says whose fits a president its country's
        // titles make head of government.
        let iran = undated(
            EventType::PhoneCall,
            vec![
                KeyPrincipal::new("", None, Some(HeadOfState)),
                KeyPrincipal::new("jonas berg", Some("NOR"), Some(HeadOfGovernment)),
            ],
        );
        let tehran = undated(
            EventType::PhoneCall,
            vec![
                KeyPrincipal::new("reza farahani", Some("IRN"), Some(HeadOfGovernment)),
                KeyPrincipal::new("jonas berg", Some("NOR"), Some(HeadOfGovernment)),
            ],
        );
        assert_eq!(link(&[iran, tehran]), vec![vec![0, 1]]);
        // Without offices, both calls fit the unnamed side: it joins neither.
        let officeless = |mut key: LinkKey| {
            key.principals.iter_mut().for_each(|p| p.office = None);
            key
        };
        assert!(
            link(&[
                officeless(commission),
                officeless(unnamed_side),
                officeless(other_side)
            ])
            .is_empty()
        );
    }

    #[test]
    fn the_two_sides_of_a_call_link_across_a_day_and_name_order() {
        let washington = key(
            100,
            EventType::PhoneCall,
            &[("joe biden", Some("USA")), ("fumio kishida", Some("JPN"))],
        );
        let tokyo = key(
            101,
            EventType::VideoCall,
            &[("kishida fumio", Some("JPN")), ("biden", Some("USA"))],
        );
        assert_eq!(link(&[washington.clone(), tokyo.clone()]), vec![vec![0, 1]]);
        // Two days apart, or a meeting against a call: other contacts.
        let later = key(
            102,
            EventType::PhoneCall,
            &[("biden", None), ("kishida", None)],
        );
        assert!(link(&[washington.clone(), later]).is_empty());
        let meeting = key(
            100,
            EventType::Meeting,
            &[("biden", None), ("kishida", None)],
        );
        assert!(link(&[washington, meeting]).is_empty());
    }

    #[test]
    fn each_family_of_types_links_within_itself_and_other_events_never() {
        let sides = [("xi jinping", Some("CHN")), ("vladimir putin", Some("RUS"))];
        for (a, b, linked) in [
            (EventType::PhoneCall, EventType::VideoCall, true),
            (EventType::Meeting, EventType::Talks, true),
            (EventType::Visit, EventType::Signing, true),
            (EventType::Message, EventType::Message, true),
            (EventType::Message, EventType::PhoneCall, false),
            (EventType::Other, EventType::Other, false),
        ] {
            let keys = [key(100, a, &sides), key(101, b, &sides)];
            let expected: Vec<Vec<usize>> = if linked { vec![vec![0, 1]] } else { vec![] };
            assert_eq!(link(&keys), expected, "{a:?} and {b:?}");
        }
    }

    #[test]
    fn an_unnamed_principal_matches_by_country_and_a_third_person_does_not_matter() {
        let white_house = key(
            7,
            EventType::PhoneCall,
            &[("", Some("USA")), ("angela merkel", Some("DEU"))],
        );
        let berlin = key(
            7,
            EventType::PhoneCall,
            &[
                ("merkel", Some("DEU")),
                ("barack obama", Some("USA")),
                ("steffen seibert", Some("DEU")),
            ],
        );
        assert_eq!(link(&[white_house, berlin.clone()]), vec![vec![0, 1]]);
        // An office whose country the page never gives fits the one principal left.
        let no_country = key(
            7,
            EventType::PhoneCall,
            &[("", None), ("merkel", Some("DEU"))],
        );
        assert_eq!(link(&[no_country, berlin]), vec![vec![0, 1]]);
        let alone = key(7, EventType::PhoneCall, &[("", None), ("", Some("DEU"))]);
        let other = key(
            7,
            EventType::PhoneCall,
            &[("", Some("USA")), ("", Some("DEU"))],
        );
        assert!(link(&[alone, other]).is_empty());
    }

    #[test]
    fn one_shared_principal_or_a_clash_of_countries_is_not_a_contact() {
        let a = key(
            5,
            EventType::Meeting,
            &[("xi jinping", Some("CHN")), ("lula", Some("BRA"))],
        );
        let b = key(
            5,
            EventType::Meeting,
            &[("xi jinping", Some("CHN")), ("ramaphosa", Some("ZAF"))],
        );
        assert!(link(&[a, b]).is_empty());
        let c = key(
            5,
            EventType::Meeting,
            &[("kim", Some("PRK")), ("moon", Some("KOR"))],
        );
        let d = key(
            5,
            EventType::Meeting,
            &[("kim", Some("KOR")), ("moon", Some("KOR"))],
        );
        assert!(link(&[c, d]).is_empty());
        let single = key(5, EventType::Message, &[("king salman", Some("SAU"))]);
        assert!(link(&[single.clone(), single]).is_empty());
    }

    #[test]
    fn transliterations_a_letter_apart_match_within_one_country() {
        let kz = [
            ("kassym jomart tokayev", Some("KAZ")),
            ("xi jinping", Some("CHN")),
        ];
        let other_spelling = [
            ("kassym jomart toqayev", Some("KAZ")),
            ("xi jinping", Some("CHN")),
        ];
        let keys = [
            key(100, EventType::PhoneCall, &kz),
            key(100, EventType::PhoneCall, &other_spelling),
        ];
        assert_eq!(link(&keys), vec![vec![0, 1]]);
        // Without a country on both sides, or in short words, spellings must agree.
        let no_country = [("kassym jomart toqayev", None), ("xi jinping", Some("CHN"))];
        let keys = [
            key(100, EventType::PhoneCall, &kz),
            key(100, EventType::PhoneCall, &no_country),
        ];
        assert!(link(&keys).is_empty());
        let father = [("kim jong il", Some("PRK")), ("xi jinping", Some("CHN"))];
        let son = [("kim jong un", Some("PRK")), ("xi jinping", Some("CHN"))];
        let keys = [
            key(100, EventType::Meeting, &father),
            key(100, EventType::Meeting, &son),
        ];
        assert!(link(&keys).is_empty());
    }

    #[test]
    fn words_a_letter_apart() {
        assert!(one_letter_apart("tokayev", "toqayev"));
        assert!(one_letter_apart("mahmood", "mehmood"));
        assert!(one_letter_apart("abdollahian", "abdolahian"));
        assert!(one_letter_apart("lavrov", "lavrov"));
        assert!(one_letter_apart("lavrov", "lavrova"));
        assert!(!one_letter_apart("lavrov", "lavrovich"));
        assert!(one_letter_apart("zelensky", "zelenskyy"));
        assert!(!one_letter_apart("un", "il"));
        assert!(!one_letter_apart("trump", "truss"));
        // Letters, not bytes: "é" is one letter of two bytes.
        assert!(one_letter_apart("médvédev", "medvédev"));
        assert!(one_letter_apart("erdoğan", "erdogan"));
        assert!(!one_letter_apart("çavuşoğlu", "cavusoglu"));
        assert!(!one_letter_apart("ñañ", "nañ"));
    }

    proptest::proptest! {
        /// The byte comparison of ASCII words and the letter comparison of others agree with
        /// comparing every word as letters.
        #[test]
        fn a_letter_apart_is_counted_in_letters(a in "[abeéoö]{0,8}", b in "[abeéoö]{0,8}") {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(one_letter_apart(&a, &b), letters_one_apart(&x, &y));
            let (a, b) = (a.replace(['é', 'ö'], "e"), b.replace(['é', 'ö'], "o"));
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(one_letter_apart(&a, &b), letters_one_apart(&x, &y));
        }
    }

    #[test]
    fn mirrors_link_by_text_even_without_facts() {
        let text = [
            "On the evening of May 4, President Amara Diallo held a telephone conversation with Prime Minister Jonas Berg of Norway.",
            "The two leaders discussed the situation in the Sahel, trade in fertiliser and the coming session of the General Assembly.",
            "President Diallo thanked the Prime Minister for Norway's support to the regional water programme and invited him to visit.",
        ];
        let signature = Signature::of(text).map(|s| s.to_text());
        let page = |day| LinkKey {
            day,
            within: None,
            event_type: EventType::Other,
            principals: Vec::new(),
            signature: signature.clone(),
        };
        assert_eq!(
            link(&[page(None), page(Some(3)), page(Some(4))]),
            vec![vec![0, 1, 2]]
        );
        // A copy dated weeks away is a template reused, not a mirror.
        assert!(link(&[page(Some(3)), page(Some(40))]).is_empty());
    }

    #[test]
    fn a_readout_without_a_day_joins_the_one_contact_that_fits_it_and_no_other() {
        let undated = |principals: &[(&str, Option<&str>)], within| LinkKey {
            day: None,
            within,
            ..key(0, EventType::PhoneCall, principals)
        };
        let pair = [("joe biden", Some("USA")), ("narendra modi", Some("IND"))];
        let dated = key(19_879, EventType::PhoneCall, &pair);
        let june = Some((19_875, 19_904));
        // Alone with one dated readout of its principals: the same call.
        assert_eq!(
            link(&[dated.clone(), undated(&pair, june)]),
            vec![vec![0, 1]]
        );
        // Two undated readouts with nothing else of theirs: the two sides.
        assert_eq!(
            link(&[
                undated(&pair, None),
                undated(&[("modi", Some("IND")), ("biden", Some("USA"))], None)
            ]),
            vec![vec![0, 1]]
        );
        // Two calls of theirs on other days: which one is unknown, so neither.
        let other = key(19_700, EventType::PhoneCall, &pair);
        assert!(link(&[dated.clone(), other.clone(), undated(&pair, None)]).is_empty());
        // A month it gives tells them apart.
        assert_eq!(
            link(&[dated, other, undated(&pair, june)]),
            vec![vec![0, 2]]
        );
    }
}
