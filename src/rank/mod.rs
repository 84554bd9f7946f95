//! RANKING: BM25F over the title and body fields, with named weights.

mod bm25;

pub(crate) use bm25::Bm25;

/// The ranking knobs. Each is documented by its effect at the ends of its
/// useful range; the defaults suit news articles with short titles.
#[derive(Clone, Debug, PartialEq)]
pub struct RankingWeights {
    /// BM25 term-frequency saturation, `0.0..=3.0`. At 0 a word counts once
    /// however often it occurs; higher values let repeated words keep adding
    /// score. Default `1.2`.
    pub k1: f32,
    /// BM25 length normalization, `0.0..=1.0`. At 0 long and short documents
    /// are scored alike; at 1 a match in a short document counts fully more
    /// than one in a long document. Default `0.75`.
    pub b: f32,
    /// Weight of a match in the title, relative to the body. Default `2.5`:
    /// a headline naming the query words is a strong signal.
    pub title: f32,
    /// Weight of a match in the body. Default `1.0`.
    pub body: f32,
    /// Factor for a match on the stem only (the word appears in another
    /// inflection), `0.0..=1.0`. At 1 stems count like exact words; at 0
    /// they only widen the set of hits. Default `0.6`, so a surface match
    /// ranks above a stem-only match.
    pub stem: f32,
    /// Factor for words found by a `prefix*` query other than the prefix
    /// itself. Default `0.7`.
    pub prefix: f32,
    /// Multiplier of the score of a quoted phrase match. Default `1.5`.
    pub phrase: f32,
}

impl Default for RankingWeights {
    fn default() -> RankingWeights {
        RankingWeights {
            k1: 1.2,
            b: 0.75,
            title: 2.5,
            body: 1.0,
            stem: 0.6,
            prefix: 0.7,
            phrase: 1.5,
        }
    }
}
