package dev.trafficlab.mesh.validation;

import dev.trafficlab.mesh.model.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * An error value as Istio's Go code builds it: either a plain error or a hashicorp multierror. The
 * difference shows in the text: a multierror prints "N errors occurred:\n\t* ...\n\n" even for a
 * single error (Istio calls multierror.Append on nil in places), so the wrapping is tracked
 * exactly, and every element keeps its position.
 */
final class GoErr {
  final List<Problem> items;
  final boolean multi;

  private GoErr(List<Problem> items, boolean multi) {
    this.items = items;
    this.multi = multi;
  }

  static GoErr of(String message, Pos pos) {
    return new GoErr(List.of(new Problem(message, pos)), false);
  }

  /** Istio's appendErrors: nil-tolerant; two non-nil errors become a (flattened) multierror. */
  static GoErr append(GoErr err, GoErr... more) {
    GoErr acc = err;
    for (GoErr e : more) {
      if (acc == null) {
        acc = e;
      } else if (e != null) {
        acc = multi(acc, e);
      }
    }
    return acc;
  }

  /** multierror.Append(err, e): always a multierror, flattening nested ones. */
  static GoErr multi(GoErr err, GoErr e) {
    List<Problem> all = new ArrayList<>();
    if (err != null) {
      all.addAll(err.items);
    }
    if (e != null) {
      all.addAll(e.items);
    }
    return new GoErr(List.copyOf(all), true);
  }

  /** err.Error() in Go. */
  String message() {
    if (!multi) {
      return items.get(0).message();
    }
    if (items.size() == 1) {
      return "1 error occurred:\n\t* " + items.get(0).message() + "\n\n";
    }
    StringBuilder b = new StringBuilder().append(items.size()).append(" errors occurred:\n\t");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        b.append("\n\t");
      }
      b.append("* ").append(items.get(i).message());
    }
    return b.append("\n\n").toString();
  }
}
