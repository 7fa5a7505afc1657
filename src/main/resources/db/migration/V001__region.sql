-- region: cities, districts and counties (GB/T 2260), each city's departments
CREATE TABLE reg_city (
    code        VARCHAR(6)  PRIMARY KEY,
    name        VARCHAR(20) NOT NULL,
    short_name  VARCHAR(4)  NOT NULL,
    sort_order  INT         NOT NULL
);

CREATE TABLE reg_district (
    code       VARCHAR(6)  PRIMARY KEY,
    city_code  VARCHAR(6)  NOT NULL REFERENCES reg_city (code),
    name       VARCHAR(20) NOT NULL
);

CREATE TABLE reg_department (
    code       VARCHAR(20) PRIMARY KEY,
    city_code  VARCHAR(6)  NOT NULL REFERENCES reg_city (code),
    kind       VARCHAR(10) NOT NULL,
    name       VARCHAR(60) NOT NULL,
    UNIQUE (city_code, kind)
);

INSERT INTO reg_city (code, name, short_name, sort_order) VALUES
 ('430100', '长沙市', '长沙', 1),
 ('430200', '株洲市', '株洲', 2),
 ('430300', '湘潭市', '湘潭', 3);

INSERT INTO reg_district (code, city_code, name) VALUES
 ('430102', '430100', '芙蓉区'), ('430103', '430100', '天心区'), ('430104', '430100', '岳麓区'),
 ('430105', '430100', '开福区'), ('430111', '430100', '雨花区'), ('430112', '430100', '望城区'),
 ('430121', '430100', '长沙县'), ('430181', '430100', '浏阳市'), ('430182', '430100', '宁乡市'),
 ('430202', '430200', '荷塘区'), ('430203', '430200', '芦淞区'), ('430204', '430200', '石峰区'),
 ('430211', '430200', '天元区'), ('430212', '430200', '渌口区'), ('430223', '430200', '攸县'),
 ('430224', '430200', '茶陵县'), ('430225', '430200', '炎陵县'), ('430281', '430200', '醴陵市'),
 ('430302', '430300', '雨湖区'), ('430304', '430300', '岳塘区'), ('430321', '430300', '湘潭县'),
 ('430381', '430300', '湘乡市'), ('430382', '430300', '韶山市');

-- department kinds: FGW 发展改革委, GXJ 工业和信息化局, KJJ 科技局, JTJ 交通运输局, STHJJ 生态环境局,
-- WJW 卫生健康委, XZSP 行政审批服务局, SCJG 市场监督管理局, ZJJ 住房和城乡建设局, RSJ 人力资源和社会保障局
INSERT INTO reg_department (code, city_code, kind, name)
SELECT c.code || '-' || k.kind, c.code, k.kind, c.name || k.suffix
FROM reg_city c CROSS JOIN (
    SELECT 'FGW' AS kind, '发展和改革委员会' AS suffix UNION ALL
    SELECT 'GXJ', '工业和信息化局' UNION ALL
    SELECT 'KJJ', '科学技术局' UNION ALL
    SELECT 'JTJ', '交通运输局' UNION ALL
    SELECT 'STHJJ', '生态环境局' UNION ALL
    SELECT 'WJW', '卫生健康委员会' UNION ALL
    SELECT 'XZSP', '行政审批服务局' UNION ALL
    SELECT 'SCJG', '市场监督管理局' UNION ALL
    SELECT 'ZJJ', '住房和城乡建设局' UNION ALL
    SELECT 'RSJ', '人力资源和社会保障局'
) k;
