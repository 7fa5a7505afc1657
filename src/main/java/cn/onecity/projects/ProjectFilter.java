package cn.onecity.projects;

/** Filters of the project list; every field is optional. {@code q} matches name or code. */
public record ProjectFilter(ProjectType type, String cityCode, ProjectStatus status, Boolean landmark, Boolean behindSchedule,
        String q) {

    public static ProjectFilter none() {
        return new ProjectFilter(null, null, null, null, null, null);
    }

    public static ProjectFilter ofType(ProjectType type) {
        return new ProjectFilter(type, null, null, null, null, null);
    }

    public boolean matches(Project p) {
        return (type == null || p.type() == type)
                && (cityCode == null || cityCode.isBlank() || p.involves(cityCode))
                && (status == null || p.status() == status)
                && (landmark == null || p.landmark() == landmark)
                && (behindSchedule == null || p.behindSchedule() == behindSchedule)
                && (q == null || q.isBlank() || p.name().contains(q.strip()) || p.code().contains(q.strip()));
    }
}
