package dev.trafficlab.e2e;

/**
 * What the product page's reviews block shows: which reviews version answered and the colour of its
 * stars ({@code none} for v1, {@code black} for v2, {@code red} for v3; both empty when the reviews
 * could not be fetched).
 */
record Reviews(String version, String stars) {
  static final String NONE = "none";
  static final String BLACK = "black";
  static final String RED = "red";

  @Override
  public String toString() {
    return version.isEmpty() ? "reviews unavailable" : version + " (" + stars + " stars)";
  }
}
