/**
 * The configuration file: TOML (via tomlj) turned into the engines' immutable records, validated
 * once, every error naming the file, the line and the key (DESIGN.md §2). {@link
 * net.v6mostly.config.ConfigFile} and {@link net.v6mostly.config.ConfigSection} give typed, located
 * getters; each component reads its own table in one small class ({@link
 * net.v6mostly.config.SiitSection} for {@code [siit]}), so a new table never touches another's code.
 * Engines never import this package: it builds their records.
 */
package net.v6mostly.config;
