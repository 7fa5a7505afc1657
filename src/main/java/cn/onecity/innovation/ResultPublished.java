package cn.onecity.innovation;

/** A research result was published (after commit it is in the search index and matched with recent demands). */
public record ResultPublished(long resultId) {
}
