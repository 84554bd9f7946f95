//! BOILERPLATE CLEANING for plain scraped text: every line is classified as
//! article or debris, with the reason for each removal.
//!
//! The rules, in the order they apply:
//! - a "قراءة المزيد" (read more) or "أخبار ذات صلة" (related news) line
//!   after the article has started ends the article: it and everything after
//!   it are teasers of other articles;
//! - cue lines: "Loading...", share bars ("شارك الخبر:", run-together
//!   "FacebookTwitterLinkedInEmail"), category labels ("التصنيف:"), "شاهد
//!   ايضاً:" teasers, ad placeholders ("[إعلان رقم 2]"), comment counters
//!   ("تعليق (0)"), logo lines ("… logo"), source labels ("مصدر",
//!   "المصدر: …"), reporter credits ("ساهم في إعداد …"), hashtag lines,
//!   run-together navigation ("الرئيسيةأخبارسياسة…"), date/time stamps;
//! - image captions: the line after "Loading...", and lines ending in a
//!   photo credit ("(أ ف ب)", "(أرشيف)");
//! - a list of three or more "- " headlines before the article starts;
//! - a line that repeats the title, or repeats an earlier paragraph.
//!
//! Every other line is an article paragraph: when in doubt a line is kept,
//! because losing article text is worse than keeping debris.

use std::collections::HashSet;

use super::text::{ends_sentence, folded_hash, shorten, MAX_TITLE_CHARS};
pub(crate) use crate::document::RemovalReason as Reason;
use crate::document::{Removed, MAX_REMOVED_CHARS, MAX_REMOVED_LINES};

/// The result of cleaning one text.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub removed: Vec<Removed>,
    /// A site or agency named by a logo or source line.
    pub source: Option<String>,
    /// A publication date stated as dd/mm/yyyy, in ISO form.
    pub date: Option<String>,
}

/// Lines after which the rest of the page is teasers of other articles.
const END_MARKERS: &[&str] =
    &["قراءة المزيد", "أخبار ذات صلة", "اخبار ذات صلة", "مواضيع ذات صلة", "اقرأ المزيد"];
/// Line starts that mark a share bar.
const SHARE: &[&str] = &["شارك الخبر", "شارك على", "شارك هذا", "مشاركة الخبر", "انشر على"];
/// Social network names that scrapes run together into one line.
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "linkedin",
    "email",
    "whatsapp",
    "telegram",
    "x",
    "pinterest",
    "reddit",
    "print",
    "messenger",
    "فيسبوك",
    "فيس بوك",
    "تويتر",
    "إكس",
    "تيليغرام",
    "تلغرام",
    "تليجرام",
    "واتساب",
    "واتس اب",
    "انستغرام",
    "إنستغرام",
    "يوتيوب",
    "لينكدإن",
    "البريد الإلكتروني",
    "طباعة",
];
/// Headings of blocks of other articles, and page-wide notices.
const PAGE_CHROME: &[&str] = &[
    "أهم الأخبار",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "آخر الأخبار",
    "مواضيع ذات صلة",
    "روابط ذات صلة",
    "تابعونا",
    "تابعنا على",
    "اشترك في النشرة",
    "جميع الحقوق محفوظة",
    "حقوق النشر محفوظة",
    "أضف تعليقك",
    "أضف تعليق",
    "أخبار أخرى",
    "المزيد من الأخبار",
];
/// Line starts that mark a category label.
const CATEGORY: &[&str] = &["التصنيف", "القسم:", "الوسوم", "الكلمات المفتاحية", "تصنيفات"];
/// Line starts that mark a teaser of another article.
const SEE_ALSO: &[&str] = &[
    "شاهد ايضا",
    "شاهد أيضا",
    "شاهد أيضاً",
    "شاهد ايضاً",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ ايضا",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "طالع أيضا",
    "طالع أيضاً",
];
/// Line starts that mark a reporter credit.
const CREDIT: &[&str] = &[
    "ساهم في إعداد",
    "ساهمت في إعداد",
    "شارك في إعداد",
    "شارك في التغطية",
    "تحرير:",
    "إعداد:",
    "كتب:",
    "كتبت:",
    "بقلم:",
];
/// Labels before a publication date.
const DATE_LABELS: &[&str] =
    &["نشر في", "نُشر في", "نشر بتاريخ", "نُشر بتاريخ", "تاريخ النشر", "آخر تحديث", "تم النشر"];
/// Month names of both Gregorian systems and of the Hijri calendar, and
/// the other words of a date line ("هـ", "الموافق").
const MONTHS: &[&str] = &[
    "محرم",
    "صفر",
    "ربيع",
    "جمادى",
    "الأولى",
    "الآخرة",
    "الآخر",
    "الثانية",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو",
    "ذي",
    "القعدة",
    "الحجة",
    "هـ",
    "م",
    "الموافق",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "اغسطس",
    "سبتمبر",
    "أكتوبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "الثاني",
    "الأول",
];
/// Photo credits that end a caption.
const PHOTO_CREDITS: &[&str] = &[
    "(أ ف ب)",
    "(أ.ف.ب)",
    "(رويترز)",
    "(أرشيف)",
    "(أ ب)",
    "(getty)",
    "(صورة أرشيفية)",
    "(الأناضول)",
    "(إ ب أ)",
];

pub(crate) fn clean(text: &str) -> Cleaned {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    clean_lines(&lines, &[], None)
}

impl Cleaned {
    /// Records a removed line at the current place among the paragraphs.
    pub(crate) fn remove(&mut self, line: &str, reason: Reason) {
        push_removed(&mut self.removed, line, reason, self.paragraphs.len());
    }
}

/// Appends a removed line, cut to [`MAX_REMOVED_CHARS`], while fewer than
/// [`MAX_REMOVED_LINES`] are kept.
pub(crate) fn push_removed(removed: &mut Vec<Removed>, line: &str, reason: Reason, before: usize) {
    if removed.len() < MAX_REMOVED_LINES {
        let text = shorten(line, MAX_REMOVED_CHARS);
        removed.push(Removed { text, reason, before: before as u32 });
    }
}

/// [`clean`] on lines already split; `preset` gives lines (by index) a
/// reason decided by the caller (an HTML page's link lists and dropped
/// elements), and a line that is only the `site` name is page chrome.
pub(crate) fn clean_lines(
    lines: &[&str],
    preset: &[Option<Reason>],
    site: Option<&str>,
) -> Cleaned {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let mut out = Cleaned::default();
    let mut keep: Vec<Option<Reason>> = vec![None; lines.len()];
    // Character counts and prose shape, once per line.
    let chars: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let prose: Vec<bool> = lines.iter().zip(&chars).map(|(l, &n)| is_prose(l, n)).collect();
    let is_paragraph = |i: usize| prose[i];
    // 1. Cue lines.
    let mut after_loading = false;
    for (i, line) in lines.iter().enumerate() {
        let given = preset.get(i).copied().flatten();
        // Dropped elements keep their reason; a link list may also be a cue
        // line that names the source or the date.
        let reason = match given {
            Some(g) if g != Reason::Links => Some(g),
            _ => cue(line, chars[i], &mut out).or(given),
        }
        .or((site == Some(*line)).then_some(Reason::PageChrome));
        if after_loading && reason.is_none() && chars[i] <= 300 {
            keep[i] = Some(Reason::Caption);
        } else {
            keep[i] = reason.or_else(|| caption(line, chars[i]));
        }
        after_loading = reason == Some(Reason::Loading);
    }
    // 2. Teasers after an end marker, once the article has started.
    let mut article_started = false;
    for i in 0..lines.len() {
        if keep[i].is_none() && is_paragraph(i) {
            article_started = true;
        }
        if article_started && END_MARKERS.contains(&lines[i].trim_end_matches([':', '.'])) {
            for k in keep.iter_mut().skip(i) {
                *k = Some(Reason::Teasers);
            }
            break;
        }
    }
    // 3. A leading list of headlines.
    let first_paragraph =
        (0..lines.len()).find(|&i| keep[i].is_none() && !is_bullet(lines[i]) && is_paragraph(i));
    let bullets: Vec<usize> = (0..first_paragraph.unwrap_or(0))
        .filter(|&i| keep[i].is_none() && is_bullet(lines[i]))
        .collect();
    if bullets.len() >= 3 {
        for i in bullets {
            keep[i] = Some(Reason::HeadlineList);
        }
    }
    // 4. A site name above the headline: a short line naming a site or an
    // agency, followed by a longer line before the article starts.
    let kept_before: Vec<usize> = (0..first_paragraph.unwrap_or(lines.len()))
        .filter(|&i| keep[i].is_none() && !is_paragraph(i))
        .collect();
    if let [first, next, ..] = kept_before.as_slice() {
        let words = |i: usize| lines[i].split_whitespace().count();
        if is_site_name(lines[*first]) && words(*next) > words(*first) {
            keep[*first] = Some(Reason::Logo);
            out.source.get_or_insert_with(|| lines[*first].to_string());
        }
    }
    // 5. Title, repeats.
    let mut seen: HashSet<u64> = HashSet::new();
    let mut title: Option<String> = None;
    let mut title_folded: Option<u64> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(reason) = keep[i] {
            out.remove(line, reason);
            continue;
        }
        let folded = folded_hash(0, line);
        if title.is_none() {
            if is_paragraph(i) {
                // No headline line: the title is the start of the first
                // paragraph, which stays in the body.
                title = Some(shorten(line, MAX_TITLE_CHARS));
            } else {
                title = Some(line.to_string());
                title_folded = Some(folded);
                seen.insert(folded);
                continue;
            }
        } else if title_folded == Some(folded) {
            out.remove(line, Reason::DuplicateTitle);
            continue;
        }
        if !seen.insert(folded) {
            out.remove(line, Reason::DuplicateParagraph);
            continue;
        }
        out.paragraphs.push(line.to_string());
    }
    out.title = title.unwrap_or_default();
    out
}

/// Words that start the name of a news site or agency.
const SITE_WORDS: &[&str] = &[
    "وكالة",
    "موقع",
    "صحيفة",
    "جريدة",
    "بوابة",
    "شبكة",
    "قناة",
    "مجلة",
    "راديو",
    "تلفزيون",
    "إذاعة",
];

/// A short line that names a site or an agency ("وكالة السهل للأنباء").
fn is_site_name(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=4).contains(&words)
        && !line.ends_with(['.', '؟', '!', ':'])
        && SITE_WORDS.iter().any(|w| line.starts_with(w))
}

/// A line of `n` characters that reads as article prose: long, or ending a
/// sentence.
fn is_prose(line: &str, n: usize) -> bool {
    n > 150 || (n > 40 && ends_sentence(line))
}

fn is_bullet(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("• ")
        || line.starts_with("* ")
        || line.starts_with("– ")
}

/// `hay.contains(needle)` for the short lines and needles of these rules:
/// candidates are found by the needle's last byte (for Arabic, the byte
/// that tells the letter apart), with no searcher to set up (which costs
/// more than the search on a short line).
fn contains(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&last) = n.last() else { return true };
    let mut end = n.len() - 1;
    while end < h.len() {
        match h[end..].iter().position(|&b| b == last) {
            None => return false,
            Some(p) => {
                end += p;
                if h[..=end].ends_with(n) {
                    return true;
                }
                end += 1;
            }
        }
    }
    false
}

fn starts_with_any(line: &str, starts: &[&str]) -> bool {
    // The first two bytes first: one comparison of two integers rules out
    // most candidates before a full comparison.
    let head = |s: &str| s.as_bytes().get(..2).map(|b| [b[0], b[1]]);
    let line_head = head(line);
    starts.iter().any(|s| (s.len() < 2 || head(s) == line_head) && line.starts_with(s))
}

/// The line with ASCII letters lowercased (the cue words in Latin script
/// are ASCII); borrowed when there is nothing to lower, as in Arabic.
fn ascii_lower(line: &str) -> std::borrow::Cow<'_, str> {
    if line.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(line.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(line)
    }
}

/// The cue-line rules; also collects the source and date they state.
fn cue(line: &str, chars: usize, out: &mut Cleaned) -> Option<Reason> {
    let lower = ascii_lower(line);
    let bare = lower.trim_end_matches(['.', '…', ':']);
    if bare == "loading" || bare == "جار التحميل" || bare == "جاري التحميل" {
        return Some(Reason::Loading);
    }
    if chars <= 60 && starts_with_any(line, SHARE) {
        return Some(Reason::ShareBar);
    }
    if is_run_together(&lower, SOCIAL) {
        return Some(Reason::ShareBar);
    }
    if chars <= 120 && starts_with_any(line.trim_start_matches(['©', ' ']), PAGE_CHROME) {
        return Some(Reason::PageChrome);
    }
    let notice = || {
        ["ملفات تعريف الارتباط", "الكوكيز", "cookies", "إعادة النشر"]
            .iter()
            .any(|n| contains(&lower, n))
    };
    if chars <= 300 && ((chars <= 80 && line.contains('©')) || notice()) {
        return Some(Reason::PageChrome);
    }
    // "الرئيسية | أخبار عاجلة | اقتصاد | …": a menu of short items.
    if contains(line, " | ") {
        let items: Vec<&str> = line.split(" | ").collect();
        if items.len() >= 4 && items.iter().all(|i| i.split_whitespace().count() <= 3) {
            return Some(Reason::Navigation);
        }
    }
    if chars > 300 {
        // Article-length lines: only "see also" teasers and hashtag lines.
        if starts_with_any(line, SEE_ALSO) {
            return Some(Reason::SeeAlso);
        }
        return hashtags(line);
    }
    if chars <= 25 && line.starts_with("منذ ") {
        return Some(Reason::Timestamp);
    }
    if chars <= 80 && starts_with_any(line, CATEGORY) {
        return Some(Reason::Category);
    }
    if starts_with_any(line, SEE_ALSO) {
        return Some(Reason::SeeAlso);
    }
    let unbracketed = line.trim_matches(['[', ']', '(', ')']);
    if unbracketed == "إعلان" || unbracketed.starts_with("إعلان رقم") || lower == "advertisement"
    {
        return Some(Reason::Ad);
    }
    if is_counter(line) {
        return Some(Reason::Counter);
    }
    if let Some(name) = lower.strip_suffix(" logo").map(|_| line[..line.len() - 5].trim()) {
        out.source.get_or_insert_with(|| name.to_string());
        return Some(Reason::Logo);
    }
    if line == "مصدر" || line == "المصدر" {
        return Some(Reason::Source);
    }
    let unparen = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')).unwrap_or(line);
    if let Some(rest) = unparen.strip_prefix("المصدر:").or_else(|| unparen.strip_prefix("المصدر :"))
    {
        if chars <= 80 {
            out.source.get_or_insert_with(|| rest.trim().to_string());
            return Some(Reason::Source);
        }
    }
    if chars <= 200 && starts_with_any(line, CREDIT) {
        return Some(Reason::Credit);
    }
    if chars <= 100 && (contains(line, "بقلم:") || contains(line, "بقلم :")) {
        return Some(Reason::Credit);
    }
    if let Some(r) = hashtags(line) {
        return Some(r);
    }
    // No Arabic word has twenty letters: menu items run together. (Twenty
    // letters take at least twenty bytes.)
    let long_word =
        |w: &str| w.len() >= 20 && w.chars().filter(|c| c.is_alphabetic()).count() >= 20;
    if chars <= 120 && line.split_whitespace().any(long_word) {
        return Some(Reason::Navigation);
    }
    if let Some(date) = timestamp(line) {
        if out.date.is_none() && !date.is_empty() {
            out.date = Some(date);
        }
        return Some(Reason::Timestamp);
    }
    None
}

/// A line of hashtags, or one ending in two or more.
fn hashtags(line: &str) -> Option<Reason> {
    if !line.contains('#') {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let all = !words.is_empty() && words.iter().all(|w| w.starts_with('#'));
    let trailing = words.len() >= 3 && words.iter().rev().take(2).all(|w| w.starts_with('#'));
    (all || trailing).then_some(Reason::Hashtags)
}

/// "FacebookTwitterLinkedInEmail": a line made only of these names.
fn is_run_together(lower: &str, names: &[&str]) -> bool {
    let mut rest = lower.trim();
    if rest.is_empty() || rest.len() > 80 {
        return false;
    }
    let mut parts = 0;
    while !rest.is_empty() {
        rest = rest.trim_start_matches([' ', '|', '·', ',']);
        match names.iter().filter(|n| rest.starts_with(*n)).max_by_key(|n| n.len()) {
            Some(n) => {
                rest = &rest[n.len()..];
                parts += 1;
            }
            None => return rest.is_empty() && parts >= 1,
        }
    }
    parts >= 1
}

/// "تعليق (0)", "0 تعليق", "التعليقات (3)".
fn is_counter(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_word = |w: &str| matches!(w, "تعليق" | "تعليقات" | "التعليقات" | "comments" | "comment");
    let is_count = |w: &str| {
        w.trim_matches(['(', ')']).chars().all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
            && !w.trim_matches(['(', ')']).is_empty()
    };
    matches!(words.as_slice(), [a, b] if (is_word(a) && is_count(b)) || (is_count(a) && is_word(b)))
}

/// A date/time stamp line: digits and separators, optionally after a
/// weekday ("الخميس، 07/03/2024 09:15"). Returns the ISO date when the line
/// holds dd/mm/yyyy, else an empty string.
fn timestamp(line: &str) -> Option<String> {
    const WEEKDAYS: &[&str] =
        &["السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الثلثاء", "الأربعاء", "الخميس", "الجمعة"];
    // A date line is short and has a digit (ASCII, or Arabic-Indic and
    // Persian, whose UTF-8 starts with 0xD9 0xA0..=0xA9 and 0xDB 0xB0..=0xB9).
    let b = line.as_bytes();
    // (The second byte of an Arabic-Indic or Persian digit is 0xA0..=0xA9 or
    // 0xB0..=0xB9; such a byte is checked against the one before it.)
    let has_digit = b.iter().enumerate().any(|(i, &c)| {
        c.is_ascii_digit()
            || ((0xA0..=0xB9).contains(&c)
                && i > 0
                && ((b[i - 1] == 0xD9 && c <= 0xA9) || (b[i - 1] == 0xDB && c >= 0xB0)))
    });
    if b.len() > 400 || !has_digit {
        return None;
    }
    let mut rest = line.trim();
    if let Some(l) = DATE_LABELS.iter().find(|l| rest.starts_with(*l)) {
        rest = rest[l.len()..].trim_start_matches([':', ' ']);
    }
    if let Some(w) = WEEKDAYS.iter().find(|w| rest.starts_with(*w)) {
        rest = rest[w.len()..].trim_start_matches(['،', ',', ' ']);
    }
    // Digits (ASCII, Arabic-Indic or Persian), separators and month names
    // only.
    let digit =
        |c: char| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c);
    let ok = !rest.is_empty()
        && rest.chars().count() <= 60
        && rest.chars().any(digit)
        && rest
            .split([' ', '/', '،', ',', '|', '(', ')'])
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().all(|c| digit(c) || ".:-".contains(c)) || MONTHS.contains(&w));
    if !ok {
        // "بوابة المدينة - الأحد 9 مارس 2025": a site name, then the date.
        let (head, tail) = line.split_once(" - ").or_else(|| line.split_once(" | "))?;
        let short_head = (1..=4).contains(&head.split_whitespace().count()) && !head.contains(':');
        return if short_head { timestamp(tail) } else { None };
    }
    // The date it states ("14/05/2024 10:15", "الثلاثاء 14 مايو 2024"), if
    // a whole one.
    Some(crate::date::publication_date(line).unwrap_or_default())
}

/// The dateline at the start of an article's first paragraph: (place,
/// agency). Forms: `أستانا (كازاخستان) "أ ف ب": …`, `طشقند - (شينخوا): …`,
/// `بيشكيك، 12 مارس/آذار (وكالة …) - …`, `الكويت - الرائد: …`,
/// `الدوحة – «المرفأ»: …`. The place is the city as written, without the
/// country in parentheses; a dateline must name an agency.
pub(crate) fn dateline(paragraph: &str) -> (Option<String>, Option<String>) {
    const MAX_HEAD_CHARS: usize = 90;
    // The dateline is in the first MAX_HEAD_CHARS characters: search only
    // there (four bytes a character at most).
    let mut cut = paragraph.len().min(MAX_HEAD_CHARS * 4 + 4);
    while !paragraph.is_char_boundary(cut) {
        cut -= 1;
    }
    let paragraph = &paragraph[..cut];
    let within = |i: &usize| paragraph[..*i].chars().count() <= MAX_HEAD_CHARS;
    let end = paragraph
        .find(':')
        .filter(within)
        .or_else(|| paragraph.find(" - ").filter(within))
        .or_else(|| paragraph.find(" – ").filter(within));
    let Some(end) = end else { return (None, None) };
    let head = &paragraph[..end];
    let place_end = head.find(['،', ',', '(', '"', '«', '“', '-', '–']).unwrap_or(head.len());
    let place = head[..place_end].trim();
    let words = place.split_whitespace().count();
    if !(1..=3).contains(&words) || place.chars().any(char::is_numeric) {
        return (None, None);
    }
    let rest = head[place_end..].trim();
    let between = |open: char, close: char| -> Option<&str> {
        let a = rest.find(open)? + open.len_utf8();
        let b = rest[a..].find(close)? + a;
        Some(rest[a..b].trim())
    };
    // "(كازاخستان) …": parentheses first, with more after them, qualify the
    // place; the agency is what follows.
    let qualified =
        rest.starts_with('(') && rest.find(')').is_some_and(|b| !rest[b + 1..].trim().is_empty());
    let after_qualifier =
        if qualified { rest.find(')').map_or(rest, |b| &rest[b + 1..]) } else { rest };
    let agency = between('"', '"')
        .or_else(|| between('«', '»'))
        .or_else(|| between('“', '”'))
        .or_else(|| {
            let a = after_qualifier.rfind('(')? + 1;
            let b = after_qualifier[a..].find(')')? + a;
            Some(after_qualifier[a..b].trim())
        })
        .or_else(|| {
            let dashed = after_qualifier.trim_start_matches(['-', '–', ' ']).trim();
            let ok = !dashed.is_empty()
                && dashed.split_whitespace().count() <= 4
                && after_qualifier.trim_start().starts_with(['-', '–']);
            ok.then_some(dashed)
        })
        .filter(|a| !a.is_empty() && a.chars().count() <= 40);
    match agency {
        Some(a) => (Some(place.to_string()), Some(a.to_string())),
        None => (None, None),
    }
}

#[cfg(test)]
mod dateline_tests {
    use super::{dateline, timestamp};

    #[test]
    fn date_lines_are_stamps_and_give_the_date() {
        let cases = [
            ("14/05/2024 10:15", Some("2024-05-14")),
            ("الثلاثاء 14 مايو 2024 - 10:15", Some("2024-05-14")),
            ("نشر في: 3 أيار 2023", Some("2023-05-03")),
            ("الاثنين، 21 أكتوبر/تشرين الأول 2024", Some("2024-10-21")),
            ("١٤ مايو ٢٠٢٤", Some("2024-05-14")),
            ("الأحد 5 ذو القعدة 1445 هـ", Some("2024-05-12")),
            ("بوابة المدينة - الأحد 9 مارس/آذار 2025", Some("2025-03-09")),
            ("منذ 3 ساعات", None),
            ("10:45", Some("")),
            ("وقال الوزير إن الاجتماع عقد في 14 مايو 2024 بحضور الوفود.", None),
            ("قمة طشقند - 14 مايو 2024 وما بعدها من اجتماعات", None),
        ];
        for (line, want) in cases {
            assert_eq!(timestamp(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn datelines_give_place_and_agency() {
        let cases = [
            ("أكتاو (كازاخستان) \"أ ف ب\": أبحرت السفينة", Some(("أكتاو", "أ ف ب"))),
            ("طشقند - (شينخوا): افتتح مسؤولون", Some(("طشقند", "شينخوا"))),
            (
                "بيشكيك، 12 مارس/آذار (وكالة السهوب للأنباء) - افتتحت قرغيزستان",
                Some(("بيشكيك", "وكالة السهوب للأنباء")),
            ),
            ("الكويت - الرائد: طرحت الهيئة", Some(("الكويت", "الرائد"))),
            ("الدوحة – «المرفأ»: اختتم المنتدى", Some(("الدوحة", "المرفأ"))),
            ("صفاقس (تونس) - مدار24: انطلق الموسم", Some(("صفاقس", "مدار24"))),
            ("أستانا (رويترز) - قالت الوزارة", Some(("أستانا", "رويترز"))),
            ("تقرير: خسائر كبيرة في الموسم", None),
            ("وفي 18 مايو/أيار، اجتمع الزعماء: وقالوا", None),
            ("وقال الوزير إن المحادثات كانت مثمرة.", None),
        ];
        for (text, want) in cases {
            let (place, agency) = dateline(text);
            let got = place.zip(agency);
            assert_eq!(got.as_ref().map(|(p, a)| (p.as_str(), a.as_str())), want, "{text}");
        }
    }
}

/// A caption: a short line that ends with a photo credit, or starts with
/// "صورة".
fn caption(line: &str, chars: usize) -> Option<Reason> {
    let lower = ascii_lower(line);
    let short = chars <= 300;
    let credited = PHOTO_CREDITS.iter().any(|c| lower.trim_end_matches('.').ends_with(c));
    // "… (الصورة: وكالة) |": a credit in parentheses at the end, often
    // followed by a separator from the page layout.
    let tail = line.trim_end_matches(['|', ' ']);
    let credit_tag = tail.ends_with(')')
        && tail.rfind('(').is_some_and(|o| {
            let tag = &tail[o + 1..];
            tag.starts_with("الصورة") || tag.starts_with("المصدر") || tag.starts_with("تصوير")
        });
    let credited = credited || credit_tag;
    (short && (credited || line.starts_with("صورة:") || line.starts_with("الصورة:")))
        .then_some(Reason::Caption)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_lines_are_removed_with_reasons_and_the_article_stays() {
        let text = "موقع الأخبار logo\n\nعنوان الخبر الرئيسي\nعنوان الخبر الرئيسي\nLoading...\nالوزير يصافح نظيره خلال اللقاء في العاصمة.\nالتصنيف:سياسة\nشارك الخبر:\nFacebookTwitterLinkedInEmail\nوصل الوزير إلى العاصمة صباح اليوم في زيارة تستمر يومين يبحث خلالها ملفات التعاون الاقتصادي.\nشاهد ايضاً: خبر آخر لا علاقة له\nوقال الوزير إن المحادثات كانت مثمرة وإن الجانبين اتفقا على خطة عمل مشتركة للعام المقبل.\nوقال الوزير إن المحادثات كانت مثمرة وإن الجانبين اتفقا على خطة عمل مشتركة للعام المقبل.\n[إعلان رقم 2]\nتعليق (0)\nقراءة المزيد\nخبر آخر\nخبر آخر\nنص خبر آخر مقطوع في";
        let c = clean(text);
        assert_eq!(c.title, "عنوان الخبر الرئيسي");
        assert_eq!(c.paragraphs.len(), 2, "{:?}", c.paragraphs);
        assert_eq!(c.source.as_deref(), Some("موقع الأخبار"));
        let reasons: Vec<Reason> = c.removed.iter().map(|r| r.reason).collect();
        for r in [
            Reason::Logo,
            Reason::DuplicateTitle,
            Reason::Loading,
            Reason::Caption,
            Reason::Category,
            Reason::ShareBar,
            Reason::SeeAlso,
            Reason::DuplicateParagraph,
            Reason::Ad,
            Reason::Counter,
            Reason::Teasers,
        ] {
            assert!(reasons.contains(&r), "{r:?} missing from {reasons:?}");
        }
    }

    #[test]
    fn the_short_line_search_finds_what_str_contains_finds() {
        let lines = ["الرئيسية | أخبار", "بقلم: فلان", "", "|", "ملفات تعريف الارتباط", "ab"];
        for line in lines {
            for needle in [" | ", "بقلم:", "|", "الارتباط", "", "abc", "b"] {
                assert_eq!(contains(line, needle), line.contains(needle), "{line:?} {needle:?}");
            }
        }
    }

    #[test]
    fn a_text_without_a_headline_keeps_its_first_paragraph() {
        let text = "وفي 18 مايو/أيار، اجتمع زعماء المنطقة في مدينة تاريخية للمشاركة في قمة إقليمية تبحث التعاون الاقتصادي.\nوأكدت الوزارة أن الاجتماع سيتناول ملفات الطاقة والنقل.";
        let c = clean(text);
        assert_eq!(c.paragraphs.len(), 2);
        assert!(c.title.starts_with("وفي 18 مايو/أيار"));
    }
}
