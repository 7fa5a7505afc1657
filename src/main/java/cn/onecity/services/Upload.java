package cn.onecity.services;

/**
 * A file an applicant or a member of staff uploads.
 *
 * @param materialId the item material it is for (null for a result document or a supplement)
 */
public record Upload(Long materialId, String originalName, byte[] content) {
}
