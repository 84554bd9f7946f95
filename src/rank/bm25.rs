//! BM25F: field-weighted term frequencies, one saturation.
//!
//! For a term with document frequency `df` among `N` documents:
//!
//! ```text
//! idf   = ln(1 + (N - df + 0.5) / (df + 0.5))
//! tf~   = Σ_field weight_f · tf_f / (1 - b + b · len_f / avglen_f)
//! score = idf · tf~ · (k1 + 1) / (tf~ + k1)
//! ```

use super::RankingWeights;

/// The smallest length-normalization divisor (see [`Bm25::norms`]).
const MIN_NORM: f32 = 0.05;
use crate::index::Posting;

/// BM25F parameters bound to the collection statistics of one search.
#[derive(Clone, Debug)]
pub(crate) struct Bm25 {
    k1: f32,
    b: f32,
    w_title: f32,
    w_body: f32,
    avg_title: f32,
    avg_body: f32,
    n_docs: f32,
}

impl Bm25 {
    pub(crate) fn new(
        w: &RankingWeights,
        n_docs: usize,
        title_tokens: u64,
        body_tokens: u64,
    ) -> Bm25 {
        let n = n_docs.max(1) as f32;
        Bm25 {
            k1: w.k1.max(0.0),
            b: w.b.clamp(0.0, 1.0),
            w_title: w.title.max(0.0),
            w_body: w.body.max(0.0),
            avg_title: (title_tokens as f32 / n).max(1.0),
            avg_body: (body_tokens as f32 / n).max(1.0),
            n_docs: n_docs as f32,
        }
    }

    #[inline]
    pub(crate) fn idf(&self, df: u32) -> f32 {
        let df = df as f32;
        (1.0 + (self.n_docs - df + 0.5).max(0.0) / (df + 0.5)).ln()
    }

    /// The per-document factors `weight_f / (1 - b + b · len_f / avglen_f)`
    /// for the title and the body, computed once per document and reused by
    /// every posting ([`Bm25::score_normed`]).
    #[inline]
    pub(crate) fn norms(&self, title_len: u32, body_len: u32) -> [f32; 2] {
        // With b = 1 an empty field would divide by zero: keep the divisor
        // positive.
        let norm = |len: u32, avg: f32| (1.0 - self.b + self.b * len as f32 / avg).max(MIN_NORM);
        [
            self.w_title / norm(title_len, self.avg_title),
            self.w_body / norm(body_len, self.avg_body),
        ]
    }

    /// [`Bm25::score`] with the factors of [`Bm25::norms`].
    #[inline]
    pub(crate) fn score_normed(&self, idf: f32, p: &Posting, norms: [f32; 2]) -> f32 {
        let field = |tf: u32, norm: f32| if tf == 0 { 0.0 } else { tf as f32 * norm };
        let tf = field(p.tf_title, norms[0]) + field(p.tf_body, norms[1]);
        if tf <= 0.0 {
            return 0.0;
        }
        idf * tf * (self.k1 + 1.0) / (tf + self.k1)
    }

    #[inline]
    #[cfg(test)]
    pub(crate) fn score(&self, idf: f32, p: &Posting, title_len: u32, body_len: u32) -> f32 {
        let norm = |len: u32, avg: f32| 1.0 - self.b + self.b * len as f32 / avg;
        let mut tf = 0.0;
        if p.tf_title > 0 {
            tf += self.w_title * p.tf_title as f32 / norm(title_len, self.avg_title);
        }
        if p.tf_body > 0 {
            tf += self.w_body * p.tf_body as f32 / norm(body_len, self.avg_body);
        }
        idf * tf * (self.k1 + 1.0) / (tf + self.k1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(tf_title: u32, tf_body: u32) -> Posting {
        Posting { doc: 0, tf_title, tf_body }
    }

    #[test]
    fn rarer_terms_and_title_matches_score_higher() {
        let m = Bm25::new(&RankingWeights::default(), 100, 800, 20_000);
        assert!(m.idf(1) > m.idf(50));
        let idf = m.idf(5);
        assert!(m.score(idf, &p(1, 0), 8, 200) > m.score(idf, &p(0, 1), 8, 200));
        assert!(m.score(idf, &p(0, 3), 8, 200) > m.score(idf, &p(0, 1), 8, 200));
        assert!(m.score(idf, &p(0, 1), 8, 100) > m.score(idf, &p(0, 1), 8, 400));
    }

    #[test]
    fn precomputed_norms_give_the_same_scores() {
        let m = Bm25::new(&RankingWeights::default(), 100, 800, 20_000);
        let idf = m.idf(7);
        for (p, lt, lb) in [(p(1, 0), 8, 200), (p(0, 3), 12, 50), (p(2, 5), 3, 900)] {
            let direct = m.score(idf, &p, lt, lb);
            let normed = m.score_normed(idf, &p, m.norms(lt, lb));
            assert!((direct - normed).abs() < 1e-5, "{direct} vs {normed}");
        }
    }

    #[test]
    fn extreme_settings_never_give_nan() {
        for (k1, b, title) in
            [(1.2, 1.0, 2.5), (0.0, 0.75, 0.0), (0.0, 1.0, 0.0), (3.0, 0.0, 100.0)]
        {
            let w = RankingWeights { k1, b, title, ..RankingWeights::default() };
            let m = Bm25::new(&w, 10, 0, 100);
            for p in [p(0, 1), p(1, 0), p(0, 0), p(3, 2)] {
                let s = m.score_normed(m.idf(2), &p, m.norms(0, 7));
                assert!(s.is_finite() && s >= 0.0, "{k1} {b} {title}: {s}");
            }
        }
    }

    #[test]
    fn idf_stays_positive_when_every_document_matches() {
        let m = Bm25::new(&RankingWeights::default(), 10, 10, 100);
        assert!(m.idf(10) > 0.0);
    }
}
