package cn.onecity.cooperation;

import java.time.LocalDate;

/** A milestone; it counts as done as of a date when {@code doneOn} is on or before that date. */
public record Milestone(long id, long itemId, int seq, String name, LocalDate dueDate, LocalDate doneOn) {

    public boolean doneAsOf(LocalDate asOf) {
        return doneOn != null && !doneOn.isAfter(asOf);
    }
}
