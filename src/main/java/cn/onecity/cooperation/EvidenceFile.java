package cn.onecity.cooperation;

/** An evidence file read back for download, its digest checked by the store. */
public record EvidenceFile(EvidenceView meta, byte[] bytes) {
}
