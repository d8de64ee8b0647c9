//! Organizations' directories: entries, sign-ins to them, and search.

use std::collections::HashSet;

use async_trait::async_trait;
use samtal_core::api::{DirectoryEntry, NewDirectoryEntry, SearchResult};
use samtal_core::{ConversationId, DirectoryEntryId, Millis, OrgId, PersonId};

use super::StoreResult;

/// The e-mails and aliases an organization's directory already holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryKeys {
    /// Work e-mails.
    pub emails: HashSet<String>,
    /// Aliases.
    pub aliases: HashSet<String>,
}

/// A directory entry a person may sign in to with a work e-mail: the caller
/// verifies the password against `password_hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkAccountCandidate {
    /// The entry.
    pub entry: DirectoryEntryId,
    /// Its organization.
    pub org: OrgId,
    /// The work-account password's PHC hash.
    pub password_hash: String,
    /// Whether Samtal is on for the organization (rule 9).
    pub org_enabled: bool,
}

/// Rows of directory entries.
#[async_trait]
pub trait DirectoryRows: Send {
    /// One entry.
    async fn entry(&mut self, id: DirectoryEntryId) -> StoreResult<Option<DirectoryEntry>>;

    /// The entry `person` is signed in to now, in any organization.
    async fn entry_of_person(&mut self, person: PersonId) -> StoreResult<Option<DirectoryEntry>>;

    /// The entry of `org` that `person` is signed in to now.
    async fn entry_in_org(&mut self, person: PersonId, org: OrgId) -> StoreResult<Option<DirectoryEntry>>;

    /// Every entry with this work e-mail, by id.
    async fn entries_by_email(&mut self, email: &str) -> StoreResult<Vec<WorkAccountCandidate>>;

    /// Records that `person` signed in to `entry`.
    async fn link_entry(&mut self, entry: DirectoryEntryId, person: PersonId, at: Millis) -> StoreResult<()>;

    /// Records that nobody is signed in to `entry`.
    async fn unlink_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<()>;

    /// Signs everybody out of `org`'s entries, answering who was signed in.
    async fn unlink_all_in_org(&mut self, org: OrgId) -> StoreResult<Vec<PersonId>>;

    /// The conversations an entry has a member row in, by id.
    async fn entry_conversations(&mut self, entry: DirectoryEntryId) -> StoreResult<Vec<ConversationId>>;

    /// Inserts entries (e-mails and aliases lowercased and distinct, checked
    /// by the caller) with their password hashes, in a few statements
    /// however many there are, and indexes their words for search. Answers
    /// each entry's new id, or `None` where its e-mail or alias is taken in
    /// the organization already; a refused entry leaves the transaction
    /// usable.
    async fn insert_entries(
        &mut self,
        org: OrgId,
        entries: &[(&NewDirectoryEntry, &str)],
        at: Millis,
    ) -> StoreResult<Vec<Option<DirectoryEntryId>>>;

    /// [`DirectoryRows::insert_entries`] for one entry.
    async fn insert_entry(
        &mut self,
        org: OrgId,
        entry: &NewDirectoryEntry,
        password_hash: &str,
        at: Millis,
    ) -> StoreResult<Option<DirectoryEntryId>> {
        Ok(self.insert_entries(org, &[(entry, password_hash)], at).await?.pop().flatten())
    }

    /// Changes an entry's e-mail, alias, name, designation and department
    /// (the e-mail and alias lowercased, and checked by the caller to be
    /// free in the organization) and indexes its new words for search.
    async fn update_entry(&mut self, entry: DirectoryEntryId, values: &NewDirectoryEntry) -> StoreResult<()>;

    /// Deletes an entry and its remaining member rows.
    async fn delete_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<()>;

    /// The organization's entries by name (case-insensitively), then id;
    /// with a needle only those with a [`search_tokens`] word starting with
    /// it. The needle is lowercased and holds no line break.
    async fn directory(&mut self, org: OrgId, needle: Option<&str>) -> StoreResult<Vec<DirectoryEntry>>;

    /// The e-mails and aliases in use in an organization's directory.
    async fn directory_keys(&mut self, org: OrgId) -> StoreResult<DirectoryKeys>;

    /// Up to `limit` entries of `orgs` with a [`search_tokens`] word
    /// starting with `needle`, leaving out the entry `exclude` is signed in
    /// to. Ranked by the first such word (so an entry with the needle as a
    /// whole word comes before one where it only begins one), then by
    /// lowercased name, then id: the same search answers the same page.
    async fn search_directory(
        &mut self,
        orgs: &[OrgId],
        needle: &str,
        exclude: PersonId,
        limit: u32,
    ) -> StoreResult<Vec<SearchResult>>;
}

/// The words directory search finds an entry by, Unicode-lowercased, each
/// once: its whole name, alias and e-mail; each word of the name; each run
/// of letters and digits of the e-mail's local part; and `@` with the
/// e-mail's domain (`anna.berg@corp.example` gives `anna`, `berg` and
/// `@corp.example`). A needle finds the entry when one of them starts with
/// it. The domain's own words are left out: every entry of an organization
/// shares them, and they would multiply the index.
pub fn search_tokens(display_name: &str, alias: &str, email: &str) -> Vec<String> {
    let (name, alias, email) = (display_name.to_lowercase(), alias.to_lowercase(), email.to_lowercase());
    let mut tokens = vec![name.trim().to_owned(), alias.trim().to_owned(), email.trim().to_owned()];
    tokens.extend(name.split_whitespace().map(str::to_owned));
    let (local, domain) = email.split_once('@').unwrap_or((email.as_str(), ""));
    tokens.extend(local.split(|c: char| !c.is_alphanumeric()).map(str::to_owned));
    if !domain.is_empty() {
        tokens.push(format!("@{domain}"));
    }
    tokens.retain(|t| !t.is_empty());
    tokens.sort();
    tokens.dedup();
    tokens
}

/// The rows of a batch insert: each entry's columns as JSON, in order, so one
/// statement can take them all (`json_each` on SQLite, `jsonb_to_recordset`
/// on PostgreSQL).
pub fn entry_batch(entries: &[(&NewDirectoryEntry, &str)]) -> StoreResult<String> {
    let rows: Vec<serde_json::Value> = entries
        .iter()
        .enumerate()
        .map(|(n, (e, hash))| {
            serde_json::json!({
                "n": n,
                "email": e.email,
                "alias": e.alias,
                "display_name": e.display_name,
                "designation": e.designation,
                "department": e.department,
                "is_admin": e.is_admin,
                "password_hash": hash,
            })
        })
        .collect();
    Ok(serde_json::to_string(&rows)?)
}

/// A stored entry, as its search words are made from it.
#[derive(Debug, Clone, Copy)]
pub struct Indexed<'a> {
    /// Its organization.
    pub org: OrgId,
    /// Its id.
    pub id: i64,
    /// Its display name.
    pub name: &'a str,
    /// Its alias.
    pub alias: &'a str,
    /// Its e-mail.
    pub email: &'a str,
}

/// The search words of stored entries, as JSON rows `[org_id, entry_id,
/// token, sort_name]` for one statement.
pub fn token_batch(entries: &[Indexed<'_>]) -> StoreResult<String> {
    let mut rows = Vec::new();
    for e in entries {
        let sort = sort_name(e.name);
        for token in search_tokens(e.name, e.alias, e.email) {
            rows.push(serde_json::json!([e.org.0, e.id, token, sort]));
        }
    }
    Ok(serde_json::to_string(&rows)?)
}

/// The stored entries of a batch insert, for [`token_batch`].
pub fn stored_entries<'a>(
    org: OrgId,
    entries: &[(&'a NewDirectoryEntry, &str)],
    ids: &[Option<DirectoryEntryId>],
) -> Vec<Indexed<'a>> {
    ids.iter()
        .zip(entries)
        .filter_map(|(id, (e, _))| {
            id.map(|id| Indexed { org, id: id.0, name: &e.display_name, alias: &e.alias, email: &e.email })
        })
        .collect()
}

/// Matches the ids a batch insert returned, by e-mail, to the entries in
/// order: `None` for an entry the database refused.
pub fn match_inserted(
    entries: &[(&NewDirectoryEntry, &str)],
    inserted: Vec<(i64, String)>,
) -> Vec<Option<DirectoryEntryId>> {
    let by_email: std::collections::HashMap<String, i64> =
        inserted.into_iter().map(|(id, email)| (email, id)).collect();
    entries.iter().map(|(e, _)| by_email.get(&e.email).copied().map(DirectoryEntryId)).collect()
}

/// How directory entries sort: by lowercased name (then id).
pub fn sort_name(display_name: &str) -> String {
    display_name.to_lowercase()
}

/// The first string after every string that starts with `needle`, in byte
/// order: the open end of a prefix range scan.
pub fn prefix_end(needle: &str) -> String {
    format!("{needle}{}", char::MAX)
}

/// One hit of a token range scan: the result and what ranks it.
#[derive(Debug, Clone)]
pub struct TokenHit {
    /// The word that matched.
    pub token: String,
    /// The entry's [`sort_name`].
    pub sort_name: String,
    /// The entry.
    pub result: SearchResult,
}

impl TokenHit {
    /// What it ranks by.
    fn rank(&self) -> (&str, &str, Option<DirectoryEntryId>) {
        (&self.token, &self.sort_name, self.result.directory_entry_id)
    }
}

/// The hits of one scan, and whether it stopped at its limit (so more hits
/// lie beyond its last one).
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// The hits, in rank order.
    pub hits: Vec<TokenHit>,
    /// Whether the scan was cut at its limit.
    pub cut: bool,
}

/// Merges the scans of several organizations into one page: ranked by word,
/// name and id, each entry once, at most `limit`. `None` when the page
/// can't be told yet: a scan was cut before the page filled (entries found
/// by several words take several hits), so the caller scans further.
pub fn rank_hits(scans: Vec<Scan>, limit: usize) -> Option<Vec<SearchResult>> {
    // Past the last hit of a cut scan, that scan's hits are unknown: only
    // hits up to the earliest such point can be ranked.
    let bound = scans
        .iter()
        .filter(|s| s.cut)
        .filter_map(|s| s.hits.last())
        .map(TokenHit::rank)
        .min()
        .map(|(token, name, id)| (token.to_owned(), name.to_owned(), id));
    let mut hits: Vec<TokenHit> = scans.into_iter().flat_map(|s| s.hits).collect();
    hits.sort_by(|a, b| a.rank().cmp(&b.rank()));
    let mut seen = HashSet::new();
    let mut page: Vec<SearchResult> = Vec::with_capacity(limit);
    for hit in hits {
        if page.len() == limit {
            return Some(page);
        }
        if let Some((token, name, id)) = &bound
            && hit.rank() > (token.as_str(), name.as_str(), *id)
        {
            return None;
        }
        if seen.insert(hit.result.directory_entry_id) {
            page.push(hit.result);
        }
    }
    if page.len() < limit && bound.is_some() { None } else { Some(page) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn tokens_are_the_words_of_name_alias_and_email() {
        let tokens = search_tokens("Åsa  Berg-Lind", "ABL", "Asa.Berg@Corp.Example");
        assert_eq!(
            tokens,
            ["@corp.example", "abl", "asa", "asa.berg@corp.example", "berg", "berg-lind", "åsa", "åsa  berg-lind"]
        );
    }

    fn hit(token: &str, name: &str, id: i64) -> TokenHit {
        TokenHit {
            token: token.to_owned(),
            sort_name: name.to_owned(),
            result: SearchResult {
                source: samtal_core::api::SearchSource::Directory,
                person_id: None,
                directory_entry_id: Some(DirectoryEntryId(id)),
                display_name: name.to_owned(),
                email: None,
                alias: None,
                designation: None,
                department: None,
                org: None,
            },
        }
    }

    fn ids(page: &[SearchResult]) -> Vec<i64> {
        page.iter().filter_map(|r| r.directory_entry_id).map(|id| id.0).collect()
    }

    #[test]
    fn hits_rank_by_word_then_name_each_entry_once() {
        let a = Scan { hits: vec![hit("anna", "anna berg", 2), hit("annika", "annika ek", 1)], cut: false };
        let b = Scan { hits: vec![hit("ann", "ann lind", 9), hit("anna berg", "anna berg", 2)], cut: false };
        assert_eq!(ids(&rank_hits(vec![a.clone(), b.clone()], 10).unwrap()), [9, 2, 1]);
        assert_eq!(ids(&rank_hits(vec![a, b], 2).unwrap()), [9, 2]);
    }

    #[test]
    fn a_cut_scan_ranks_only_up_to_its_last_hit() {
        // Org A was cut after "anna": its next hits could rank before Bo's "anton".
        let a = Scan { hits: vec![hit("ann", "ann lind", 1), hit("anna", "anna lind", 1)], cut: true };
        let b = Scan { hits: vec![hit("anton", "anton bo", 5)], cut: false };
        assert!(rank_hits(vec![a.clone(), b.clone()], 2).is_none());
        // A page that fills before the cut is known.
        let a = Scan { hits: vec![hit("ann", "ann lind", 1), hit("anna", "anna berg", 3)], cut: true };
        assert_eq!(ids(&rank_hits(vec![a, b], 2).unwrap()), [1, 3]);
    }

    #[test]
    fn the_prefix_end_follows_every_extension_of_the_needle() {
        let end = prefix_end("an");
        for s in ["an", "anna", "an\u{10fffe}", "anö", "an zz"] {
            assert!(s >= "an" && s < end.as_str(), "{s}");
        }
        assert!("ao" >= end.as_str());
    }
}
