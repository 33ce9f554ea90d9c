package dev.custos.core.psbt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Validates a BIP371 PSBT_OUT_TAP_TREE value: one or more {@code <8-bit depth> <8-bit leaf
 * version> <compact size script>} tuples in depth-first order, depth at most 128 (BIP341's
 * maximum control block depth), leaf versions even (BIP341 leaf version mask 0xfe), and the
 * depths describing exactly one complete binary tree.
 */
final class TapTrees {
  static final int MAX_DEPTH = 128;

  private TapTrees() {}

  static void validate(byte[] value, FieldSite site) throws PsbtFormatException {
    ByteReader in = site.reader(value);
    if (in.atEnd()) {
      throw site.error("tap tree must contain at least one leaf");
    }
    // Depths of the subtrees that are still waiting for their right sibling, deepest on top.
    Deque<Integer> open = new ArrayDeque<>();
    int leaf = 0;
    while (!in.atEnd()) {
      if (!open.isEmpty() && open.peek() == 0) {
        throw site.error("leaf " + leaf + " follows a tree that is already complete");
      }
      int depth = in.readUInt8();
      int leafVersion = in.readUInt8();
      in.readVarBytes();
      if (depth > MAX_DEPTH) {
        throw site.error("leaf " + leaf + " has depth " + depth + " > " + MAX_DEPTH);
      }
      if ((leafVersion & 0x01) != 0) {
        throw site.error("leaf " + leaf + " has odd leaf version 0x" + Integer.toHexString(leafVersion));
      }
      int d = depth;
      while (!open.isEmpty() && open.peek() == d) {
        open.pop();
        d--;
      }
      if (!open.isEmpty() && open.peek() > d) {
        throw site.error("leaf " + leaf + " at depth " + depth + " does not fit the tree shape");
      }
      open.push(d);
      leaf++;
    }
    if (open.size() != 1 || open.peek() != 0) {
      throw site.error("leaf depths do not form a complete binary tree");
    }
  }
}
