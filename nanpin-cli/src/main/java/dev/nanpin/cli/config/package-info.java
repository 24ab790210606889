/**
 * The YAML configuration of a bot: {@link dev.nanpin.cli.config.BotConfig}, loaded and checked by
 * {@link dev.nanpin.cli.config.BotConfigLoader} with environment overrides, secrets kept out of
 * the file, and a masked printout.
 */
package dev.nanpin.cli.config;
