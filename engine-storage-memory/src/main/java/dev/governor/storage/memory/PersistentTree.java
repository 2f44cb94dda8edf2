package dev.governor.storage.memory;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * An immutable sorted map: an AVL tree whose writes copy the path from the root to the change
 * (O(log n) new nodes) and share everything else. This is what lets the memory store hand out
 * catalog snapshots that never change, at no cost per snapshot, while commits stay O(log n) per
 * write. Immutable and thread-safe.
 */
final class PersistentTree<K, V> {
  private final Comparator<? super K> order;
  private final Node<K, V> root;
  private final int size;

  private PersistentTree(Comparator<? super K> order, Node<K, V> root, int size) {
    this.order = order;
    this.root = root;
    this.size = size;
  }

  /** An empty tree ordered by {@code order}. */
  static <K, V> PersistentTree<K, V> empty(Comparator<? super K> order) {
    return new PersistentTree<>(order, null, 0);
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or null. */
  V get(K key) {
    Node<K, V> n = root;
    while (n != null) {
      int c = order.compare(key, n.key);
      if (c == 0) {
        return n.value;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  /** A tree with {@code key} mapped to {@code value}. */
  PersistentTree<K, V> put(K key, V value) {
    boolean present = get(key) != null;
    return new PersistentTree<>(order, put(root, key, value), present ? size : size + 1);
  }

  /** A tree without {@code key} (this tree when it is absent). */
  PersistentTree<K, V> remove(K key) {
    if (get(key) == null) {
      return this;
    }
    return new PersistentTree<>(order, remove(root, key), size - 1);
  }

  /** Every value in key order. */
  void forEach(Consumer<? super V> action) {
    for (Iterator<V> it = valuesAfter(null); it.hasNext(); ) {
      action.accept(it.next());
    }
  }

  /** The values whose keys are greater than {@code after} (null: all), in key order. */
  Iterator<V> valuesAfter(K after) {
    return valuesFrom(after, false);
  }

  /** The values whose keys are at least {@code from} (null: all), in key order. */
  Iterator<V> valuesFrom(K from) {
    return valuesFrom(from, true);
  }

  /** The values whose keys are less than {@code before} (null: all), in reverse key order. */
  Iterator<V> valuesBefore(K before) {
    return valuesDownFrom(before, false);
  }

  /** The values whose keys are at most {@code from} (null: all), in reverse key order. */
  Iterator<V> valuesDownFrom(K from) {
    return valuesDownFrom(from, true);
  }

  private Iterator<V> valuesDownFrom(K bound, boolean inclusive) {
    // The mirror image of valuesFrom: the stack holds the path's nodes at or below the bound.
    ArrayDeque<Node<K, V>> path = new ArrayDeque<>();
    for (Node<K, V> n = root; n != null; ) {
      int c = bound == null ? 1 : order.compare(bound, n.key);
      if (c > 0 || (c == 0 && inclusive)) {
        path.push(n);
        n = c == 0 ? null : n.right;
      } else {
        n = n.left;
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !path.isEmpty();
      }

      @Override
      public V next() {
        if (path.isEmpty()) {
          throw new NoSuchElementException();
        }
        Node<K, V> n = path.pop();
        for (Node<K, V> m = n.left; m != null; m = m.right) {
          path.push(m);
        }
        return n.value;
      }
    };
  }

  private Iterator<V> valuesFrom(K bound, boolean inclusive) {
    ArrayDeque<Node<K, V>> path = new ArrayDeque<>();
    for (Node<K, V> n = root; n != null; ) {
      int c = bound == null ? -1 : order.compare(bound, n.key);
      if (c < 0 || (c == 0 && inclusive)) {
        path.push(n);
        n = c == 0 ? null : n.left;
      } else {
        n = n.right;
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !path.isEmpty();
      }

      @Override
      public V next() {
        if (path.isEmpty()) {
          throw new NoSuchElementException();
        }
        Node<K, V> n = path.pop();
        for (Node<K, V> m = n.right; m != null; m = m.left) {
          path.push(m);
        }
        return n.value;
      }
    };
  }

  private Node<K, V> put(Node<K, V> n, K key, V value) {
    if (n == null) {
      return new Node<>(key, value, null, null);
    }
    int c = order.compare(key, n.key);
    if (c == 0) {
      return new Node<>(n.key, value, n.left, n.right);
    }
    return c < 0 ? balance(n.key, n.value, put(n.left, key, value), n.right)
        : balance(n.key, n.value, n.left, put(n.right, key, value));
  }

  private Node<K, V> remove(Node<K, V> n, K key) {
    int c = order.compare(key, n.key);
    if (c < 0) {
      return balance(n.key, n.value, remove(n.left, key), n.right);
    }
    if (c > 0) {
      return balance(n.key, n.value, n.left, remove(n.right, key));
    }
    if (n.left == null) {
      return n.right;
    }
    if (n.right == null) {
      return n.left;
    }
    Node<K, V> successor = n.right;
    while (successor.left != null) {
      successor = successor.left;
    }
    return balance(successor.key, successor.value, n.left, remove(n.right, successor.key));
  }

  private static int height(Node<?, ?> n) {
    return n == null ? 0 : n.height;
  }

  private static <K, V> Node<K, V> balance(K key, V value, Node<K, V> left, Node<K, V> right) {
    int diff = height(left) - height(right);
    if (diff > 1) {
      if (height(left.left) >= height(left.right)) {
        return new Node<>(left.key, left.value, left.left, new Node<>(key, value, left.right, right));
      }
      Node<K, V> lr = left.right;
      return new Node<>(lr.key, lr.value, new Node<>(left.key, left.value, left.left, lr.left), new Node<>(key, value, lr.right, right));
    }
    if (diff < -1) {
      if (height(right.right) >= height(right.left)) {
        return new Node<>(right.key, right.value, new Node<>(key, value, left, right.left), right.right);
      }
      Node<K, V> rl = right.left;
      return new Node<>(rl.key, rl.value, new Node<>(key, value, left, rl.left), new Node<>(right.key, right.value, rl.right, right.right));
    }
    return new Node<>(key, value, left, right);
  }

  private static final class Node<K, V> {
    final K key;
    final V value;
    final Node<K, V> left;
    final Node<K, V> right;
    final int height;

    Node(K key, V value, Node<K, V> left, Node<K, V> right) {
      this.key = key;
      this.value = value;
      this.left = left;
      this.right = right;
      this.height = Math.max(height(left), height(right)) + 1;
    }
  }
}
