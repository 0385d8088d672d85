-- The blog's tables; `transom --app examples/blog/app.py init-db` runs this
-- file, which starts the data over.
DROP TABLE IF EXISTS post;
DROP TABLE IF EXISTS user;

CREATE TABLE user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL
);

CREATE TABLE post (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL REFERENCES user (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created TEXT NOT NULL,
    image TEXT
);
