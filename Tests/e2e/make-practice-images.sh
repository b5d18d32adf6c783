#!/usr/bin/env bash
# Makes the practice site's two photos with libvips' command-line tool: no third-party photos.
#   content/images/office.jpg            a stand-in for a photo of the office (3000x2000)
#   content/images/surgeon-portrait.jpg  a placeholder portrait: a grey silhouette (1200x1500)
# Both carry camera-style EXIF and GPS (exiftool), as a phone's photo would, which the build removes.
# Run from the repository's root: Tests/e2e/make-practice-images.sh
set -euo pipefail
out=content/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The office: a warm wall, a floor, two windows, a reception desk and chairs, with a little grain.
vips xyz "$work/xy.v" 3000 2000
vips extract_band "$work/xy.v" "$work/y.v" 1
vips linear --uchar "$work/y.v" "$work/wall.v" " -0.03 -0.035 -0.04" "235 222 200"  # leading space: not an option
vips copy "$work/wall.v" "$work/office.v"
vips draw_rect "$work/office.v" "150 120 90" 0 1400 3000 600 --fill            # floor
vips draw_rect "$work/office.v" "205 225 240" 250 250 700 800 --fill           # window
vips draw_rect "$work/office.v" "205 225 240" 2050 250 700 800 --fill          # window
vips draw_rect "$work/office.v" "90 110 120" 580 250 40 800 --fill             # window bar
vips draw_rect "$work/office.v" "90 110 120" 2380 250 40 800 --fill            # window bar
vips draw_rect "$work/office.v" "70 90 110" 1000 1050 1000 420 --fill          # desk
vips draw_rect "$work/office.v" "245 245 240" 1000 1020 1000 40 --fill         # desk top
vips draw_rect "$work/office.v" "60 120 110" 300 1250 260 300 --fill           # chair
vips draw_rect "$work/office.v" "60 120 110" 2440 1250 260 300 --fill          # chair
vips draw_circle "$work/office.v" "70 140 80" 1500 700 150 --fill              # plant
vips gaussnoise "$work/noise.v" 3000 2000 --sigma 6 --mean 0
vips bandjoin "$work/noise.v $work/noise.v $work/noise.v" "$work/noise3.v"
vips add "$work/office.v" "$work/noise3.v" "$work/grain.v"
vips gaussblur "$work/grain.v" "$work/soft.v" 1.2
vips cast "$work/soft.v" "$out/office.jpg[Q=88]" uchar

# The portrait: a soft blue backdrop, a head and shoulders in grey.
vips xyz "$work/pxy.v" 1200 1500
vips extract_band "$work/pxy.v" "$work/py.v" 1
vips linear --uchar "$work/py.v" "$work/back.v" " -0.04 -0.03 -0.02" "190 205 220"
vips copy "$work/back.v" "$work/portrait.v"
vips draw_circle "$work/portrait.v" "120 125 135" 600 1650 620 --fill          # shoulders
vips draw_circle "$work/portrait.v" "150 155 165" 600 560 260 --fill           # head
vips gaussnoise "$work/pnoise.v" 1200 1500 --sigma 4 --mean 0
vips bandjoin "$work/pnoise.v $work/pnoise.v $work/pnoise.v" "$work/pnoise3.v"
vips add "$work/portrait.v" "$work/pnoise3.v" "$work/pgrain.v"
vips gaussblur "$work/pgrain.v" "$work/psoft.v" 1.5
vips cast "$work/psoft.v" "$out/surgeon-portrait.jpg[Q=88]" uchar

exiftool -q -overwrite_original -Make=PhoneMaker -Model="Phone 15" -SerialNumber=SN-4711 \
  -GPSLatitude=34.6036 -GPSLatitudeRef=N -GPSLongitude=98.3959 -GPSLongitudeRef=W \
  "$out/office.jpg" "$out/surgeon-portrait.jpg"
