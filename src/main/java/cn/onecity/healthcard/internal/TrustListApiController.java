package cn.onecity.healthcard.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.healthcard.SigningKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The platform's public keys for hospitals that verify health codes offline; public, no login. */
@RestController
@Tag(name = "电子健康卡")
class TrustListApiController {

    private final SigningKeys keys;

    TrustListApiController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/api/v1/healthcard/trust-list")
    @Operation(summary = "信任列表：平台 SM2 公钥（密钥编号、有效期），以及由当前签名密钥签名的列表文本（格式见 TrustLists）")
    SigningKeys.SignedTrustList trustList() {
        return keys.signedTrustList();
    }
}
