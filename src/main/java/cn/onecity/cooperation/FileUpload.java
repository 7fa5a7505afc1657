package cn.onecity.cooperation;

/** An uploaded evidence file as received: the name the user gave it and its bytes (checked by content later). */
public record FileUpload(String name, byte[] bytes) {

    public long size() {
        return bytes == null ? 0 : bytes.length;
    }
}
