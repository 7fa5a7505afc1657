package cn.onecity.services;

/** A material an item requires: 原件 or 复印件, how many copies, and whether it is required. */
public record Material(long id, int seq, String name, boolean original, int copies, boolean required) {

    public String form() {
        return original ? "原件" : "复印件";
    }
}
