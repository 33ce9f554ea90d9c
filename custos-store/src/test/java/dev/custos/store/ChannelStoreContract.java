package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The channel-state part of the {@link StoreContractTest}: run against SQLite and PostgreSQL
 * through that class. A test interface so that it lives in its own file.
 */
interface ChannelStoreContract {
  Instant T = Instant.parse("2026-02-01T10:00:00.123456Z");

  /** The store under test. */
  Store channelStore();

  static byte[] id(int b) {
    byte[] id = new byte[32];
    Arrays.fill(id, (byte) b);
    return id;
  }

  private static Optional<StoredChannel> lookup(Store store, int b) throws StoreException {
    return store.<Optional<StoredChannel>>read(tx -> tx.channel(id(b)));
  }

  @Test
  default void channelVersionsFollowOneAnotherAndRoundTrip() throws Exception {
    Store store = channelStore();
    StoredChannel v1 = new StoredChannel(id(1), 1, new byte[] {1, 2, 3}, T);
    store.write(tx -> {
      tx.putChannel(v1);
      return null;
    });
    assertThat(lookup(store, 1)).contains(v1);
    StoredChannel v2 = new StoredChannel(id(1), 2, new byte[] {4, 5}, T.plusSeconds(1));
    store.write(tx -> {
      tx.putChannel(v2);
      return null;
    });
    assertThat(lookup(store, 1)).contains(v2);
    assertThat(lookup(store, 2)).isEmpty();
    store.write(tx -> {
      tx.putChannel(new StoredChannel(id(0xab), 1, new byte[] {6}, T));
      return null;
    });
    assertThat(store.read(ReadTx::channelVersions))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("01".repeat(32), 2L, "ab".repeat(32), 1L));
  }

  @Test
  default void staleOrDuplicateChannelWritesAreRefusedAndChangeNothing() throws Exception {
    Store store = channelStore();
    StoredChannel v1 = new StoredChannel(id(1), 1, new byte[] {1}, T);
    store.write(tx -> {
      tx.putChannel(v1);
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putChannel(new StoredChannel(id(1), 1, new byte[] {9}, T));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putChannel(new StoredChannel(id(1), 3, new byte[] {9}, T));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("expected stored version 2");
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putChannel(new StoredChannel(id(7), 2, new byte[] {9}, T));
      return null;
    })).isInstanceOf(StoreException.class);
    assertThat(store.read(ReadTx::channels)).containsExactly(v1);
  }

  @Test
  default void channelWriteRollsBackWithItsTransaction() throws Exception {
    Store store = channelStore();
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putChannel(new StoredChannel(id(3), 1, new byte[] {1}, T));
      throw new StoreException("simulated failure after the write");
    })).isInstanceOf(StoreException.class);
    assertThat(lookup(store, 3)).isEmpty();
  }

  @Test
  default void channelsAreListedById() throws Exception {
    Store store = channelStore();
    for (int b : new int[] {9, 2, 5}) {
      store.write(tx -> {
        tx.putChannel(new StoredChannel(id(b), 1, new byte[] {(byte) b}, T));
        return null;
      });
    }
    assertThat(store.read(ReadTx::channels)).extracting(c -> c.channelId()[0]).containsExactly((byte) 2, (byte) 5, (byte) 9);
  }
}
