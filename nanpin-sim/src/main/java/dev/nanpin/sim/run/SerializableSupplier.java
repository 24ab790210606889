package dev.nanpin.sim.run;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that can be shipped to another process: what a {@link CellTask} holds to make
 * fresh strategies, sizers and path evaluators on every worker.
 *
 * @param <T> what it makes
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}
