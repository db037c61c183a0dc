"""Named schema migrations, applied in order and recorded in the database itself."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,        -- resolved absolute path: the identity
            display TEXT NOT NULL,            -- the path as outputs show it
            sha256 TEXT NOT NULL,
            format TEXT NOT NULL,             -- text, markdown, vtt, srt, docx, csv, tsv, xlsx
            kind TEXT NOT NULL CHECK (kind IN ('interview', 'survey')),
            ingested_at TEXT NOT NULL,
            columns TEXT NOT NULL DEFAULT '{}',   -- survey: how each column was used
            speakers TEXT NOT NULL DEFAULT '[]'   -- interview: speaker stats and roles used
        );
        CREATE TABLE participants (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('interviewer', 'participant', 'respondent')),
            attributes TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE turns (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            speaker TEXT NOT NULL,            -- the label as written in the source
            participant_id TEXT NOT NULL,
            text TEXT NOT NULL,
            anchors TEXT NOT NULL,            -- JSON [[offset, location], ...]
            question TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX turns_source ON turns(source_id, seq);
        CREATE TABLE units (
            id TEXT PRIMARY KEY,              -- stable: from the source's content and position
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            participant_id TEXT NOT NULL,
            text TEXT NOT NULL,
            location TEXT NOT NULL,
            question TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX units_source ON units(source_id, seq);
        CREATE INDEX units_participant ON units(participant_id);
        CREATE TABLE answers (              -- survey respondents' choice and numeric answers
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL,
            attributes TEXT NOT NULL,         -- JSON {column header: value}
            PRIMARY KEY (source_id, participant_id)
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """),
    ("0002_analysis", """
        CREATE TABLE embeddings (             -- cache: a text is embedded once per model
            model TEXT NOT NULL,
            hash TEXT NOT NULL,               -- sha256 of the text
            vector BLOB NOT NULL,             -- float32, normalised
            PRIMARY KEY (model, hash)
        );
        CREATE TABLE analysis (               -- spaCy and sentiment, per unit, cached
            unit_id TEXT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
            sentiment REAL NOT NULL,
            entities TEXT NOT NULL,           -- JSON [[name, kind], ...]
            phrases TEXT NOT NULL,            -- JSON noun-chunk keyphrases
            lemmas TEXT NOT NULL              -- JSON lower-case lemmas of content words
        );
        CREATE TABLE placements (             -- the persona question each unit answers
            unit_id TEXT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL,
            confidence REAL NOT NULL
        );
        CREATE TABLE themes (
            id TEXT PRIMARY KEY,              -- dimension-NN, NN by prevalence
            dimension TEXT NOT NULL,
            rank INTEGER NOT NULL,
            label TEXT NOT NULL,
            detail TEXT NOT NULL              -- JSON: keyphrases, quotes, counts, entities...
        );
        CREATE TABLE unit_themes (
            unit_id TEXT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
            theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE
        );
    """),
    ("0003_personas", """
        CREATE TABLE personas (
            id TEXT PRIMARY KEY,              -- persona-N, N by size
            rank INTEGER NOT NULL,
            detail TEXT NOT NULL              -- JSON: the card's data, quotes with sources
        );
        CREATE TABLE participant_personas (
            participant_id TEXT PRIMARY KEY,
            persona_id TEXT,                  -- NULL: unassigned (see how)
            how TEXT NOT NULL                 -- profile | attributes | unassigned: why
        );
    """),
    ("0004_reports", """
        CREATE TABLE reports (                -- study-level results: the ICP
            name TEXT PRIMARY KEY,
            detail TEXT NOT NULL              -- JSON
        );
    """),
    # answers.name: the respondent's name from a name column ('' without one). No comment
    # inside the statement: SQLite splices it into the stored CREATE TABLE text.
    ("0005_respondent_names", """
        ALTER TABLE answers ADD COLUMN name TEXT NOT NULL DEFAULT ''
    """),
    ("0006_mentions", """
        CREATE TABLE mentions (               -- people a source's text names (NER): redacted
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            name TEXT NOT NULL
        );
        CREATE INDEX mentions_source ON mentions(source_id)
    """),
    # analysis: label candidates (JSON), whether the statement stands alone as a quote, its
    # content words; cached facts are deleted so they are recomputed with them. unit_themes:
    # the sub-theme of each unit ('' when its theme has none).
    ("0007_insight", """
        ALTER TABLE analysis ADD COLUMN candidates TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE analysis ADD COLUMN standalone INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE analysis ADD COLUMN content INTEGER NOT NULL DEFAULT 0;
        DELETE FROM analysis;
        ALTER TABLE unit_themes ADD COLUMN subtheme_id TEXT NOT NULL DEFAULT ''
    """),
    # The codebook the researcher owns (synth/codebook): every theme id ever issued (never
    # deleted, so never reused), its label and whether the researcher named or pinned it, and
    # each statement's theme in the last run, which the next run starts from.
    ("0008_codebook", """
        CREATE TABLE codebook_themes (
            id TEXT PRIMARY KEY,
            dimension TEXT NOT NULL,
            label TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            pinned INTEGER NOT NULL DEFAULT 0,
            named INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'active',
            merged_into TEXT NOT NULL DEFAULT '',
            centroid BLOB,
            size INTEGER NOT NULL DEFAULT 0,
            subthemes INTEGER NOT NULL DEFAULT 0,
            first_run INTEGER NOT NULL DEFAULT 0,
            last_run INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE codebook_units (
            unit_id TEXT PRIMARY KEY,
            dimension TEXT NOT NULL,
            theme_id TEXT NOT NULL DEFAULT '',
            moved INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE codebook_edits (
            seq INTEGER PRIMARY KEY,
            run INTEGER NOT NULL,
            source TEXT NOT NULL,
            edit TEXT NOT NULL
        )
    """),
    # What `synth forget` withdrew, so an unchanged folder ingested again does not bring it
    # back: 'file:' + the sha256 of a file left with nobody in it, 'person:' + the sha256 of
    # a participant id. Hashes only: the workspace keeps no name of a withdrawn person.
    ("0009_withdrawn", """
        CREATE TABLE withdrawn (key TEXT PRIMARY KEY)
    """),
    # Attributes the researcher gives participants (synth/attributes.py): from a people file
    # (`synth ingest people.csv`) or `synth participants tag`. Keyed by the participant as the
    # researcher named them (id, name or pseudonym), resolved to participants when read, so
    # they survive re-ingests, `synth forget` of a source, and every later run.
    ("0010_people_attributes", """
        CREATE TABLE people_attributes (
            person TEXT NOT NULL,
            attribute TEXT NOT NULL,
            value TEXT NOT NULL,
            origin TEXT NOT NULL,
            PRIMARY KEY (person, attribute)
        )
    """),
]
