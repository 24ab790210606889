/** Example strategy plugins and runnable examples. */
package dev.nanpin.examples;
