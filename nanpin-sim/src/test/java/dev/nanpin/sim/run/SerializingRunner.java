package dev.nanpin.sim.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A runner that does what a runner in another process must: it ships the task as bytes (one copy
 * per worker) and the results back as bytes, computing cells in reverse order on two workers.
 */
final class SerializingRunner implements Runner {
  @Override
  public <R extends Serializable> List<R> run(CellTask<R> task, int cells, IntConsumer progress) {
    byte[] shipped = write(task);
    List<R> results = new ArrayList<>(java.util.Collections.nCopies(cells, null));
    for (int part = 0; part < 2; part++) {
      @SuppressWarnings("unchecked")
      CellTask.Worker<R> worker = ((CellTask<R>) read(shipped)).worker();
      for (int i = cells - 1 - part; i >= 0; i -= 2) {
        @SuppressWarnings("unchecked")
        R back = (R) read(write(worker.apply(i)));
        results.set(i, back);
      }
    }
    return results;
  }

  @Override
  public int parallelism() {
    return 2;
  }

  @Override
  public String describe() {
    return "serializing";
  }

  static byte[] write(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Object read(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
