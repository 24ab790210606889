/** Market and macro data sources and the signals derived from them. */
package dev.nanpin.data;
