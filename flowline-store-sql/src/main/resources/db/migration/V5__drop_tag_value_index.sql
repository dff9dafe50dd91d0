-- V4's (name, value) index on tags (made on SQLite only) cost every logged tag a second B-tree insert at a place set
-- by its value, about a quarter of creating and logging a run, while only searches ordered by a tag could use it.
${tag_value_index_drop}
