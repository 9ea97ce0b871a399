//! Distances on the sphere.

pub use beacon_model::happening::{EARTH_RADIUS_KM, haversine_km};

/// Distance in km from a point to a polyline of `(lon, lat)` vertices.
/// Each segment is short (the borders are simplified to ~0.5 km but keep
/// their vertices every few km), so it is projected locally on an
/// equirectangular plane centred on the point; the result is exact to a few
/// metres at border scales, and the nearest vertex is measured on the sphere.
pub fn point_to_polyline_km(lat: f64, lon: f64, line: &[(f32, f32)]) -> f64 {
    let k = lat.to_radians().cos();
    let to_xy = |(x, y): (f32, f32)| {
        let mut dx = f64::from(x) - lon;
        if dx > 180.0 {
            dx -= 360.0;
        } else if dx < -180.0 {
            dx += 360.0;
        }
        (dx * k, f64::from(y) - lat)
    };
    let mut best = f64::INFINITY;
    if line.len() == 1 {
        let (x, y) = line[0];
        return haversine_km(lat, lon, f64::from(y), f64::from(x));
    }
    for w in line.windows(2) {
        let (ax, ay) = to_xy(w[0]);
        let (bx, by) = to_xy(w[1]);
        let (dx, dy) = (bx - ax, by - ay);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (px, py) = (ax + t * dx, ay + t * dy);
        let d2 = px * px + py * py;
        if d2 < best {
            best = d2;
        }
    }
    // degrees on the local plane → km
    best.sqrt().to_radians() * EARTH_RADIUS_KM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_kabul_karachi() {
        let d = haversine_km(34.5281, 69.1723, 24.8608, 67.0104);
        assert!((d - 1090.0).abs() < 15.0, "{d}");
    }

    #[test]
    fn polyline_distance_is_perpendicular() {
        // a meridian segment at lon 10 from lat 0 to 2; a point 1 degree east
        let line = [(10.0_f32, 0.0_f32), (10.0, 2.0)];
        let d = point_to_polyline_km(1.0, 11.0, &line);
        assert!((d - 111.2).abs() < 1.0, "{d}");
        // beyond the end: distance to the end point
        let d = point_to_polyline_km(3.0, 10.0, &line);
        assert!((d - 111.2).abs() < 1.0, "{d}");
    }
}
