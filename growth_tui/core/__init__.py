"""The domain core: records, storage, dates, scoring, import and export. Never imports Textual or Rich."""
