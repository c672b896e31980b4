"""Strings of the data loaders: what is wrong with a data set's files, and how to get them."""

EN = {
    "data.not_loaded": (
        "**Fashion-MNIST could not be loaded.** These places were tried:\n\n{problems}\n\n"
        "**How to get it:** install the Debian package (`sudo apt-get install dataset-fashion-mnist`), "
        "or put the four files {files} in a folder and set `FASHION_MNIST_DIR` to that folder, or go "
        "online once so that Keras can download them to `~/.keras/datasets/fashion-mnist`. "
        "Until then, the offline 8×8 digits data set works: the button below switches to it."
    ),
    "data.no_folder": "`{path}`: no such folder.",
    "data.missing": "`{path}`: missing {files}.",
    "data.unreadable": "`{path}`: cannot be read ({error}).",
    "data.gzip": "`{path}`: the gzip data is damaged or cut short ({error}).",
    "data.too_short": "`{path}`: only {size} bytes — too short for an IDX header.",
    "data.magic": (
        "`{path}`: not an IDX file — magic number 0x{magic}, expected 0x0000TTDD "
        "(TT = type code 08–0E, DD = number of dimensions)."
    ),
    "data.header_cut": "`{path}`: the header promises {ndim} dimensions but the file ends after {size} bytes.",
    "data.truncated": (
        "`{path}`: truncated — the header says {shape} values ({expected:,} bytes) "
        "but only {found:,} bytes of data follow."
    ),
    "data.extra": (
        "`{path}`: {extra:,} unexpected bytes after the {shape} values the header announces "
        "(wrong count in the header?)."
    ),
    "data.not_images": "`{path}`: expected uint8 images of 28×28 pixels, found {dtype} values shaped {shape}.",
    "data.not_labels": "`{path}`: expected a list of uint8 labels, found {dtype} values shaped {shape}.",
    "data.count_mismatch": "`{images}` holds {n_images:,} images but `{labels}` holds {n_labels:,} labels.",
    "data.bad_label": "`{path}`: label {label} found; Fashion-MNIST has classes 0–9.",
    "data.too_few": (
        "`{path}`: every class needs at least two training images for the stratified split; "
        "counts per class are {counts}."
    ),
    "data.download_off": "Downloading was switched off on this server (`FASHION_MNIST_OFFLINE`).",
    "data.download_timeout": "Keras's downloader did not finish ({error}).",
    "data.download_failed": "Keras's downloader failed (offline?): {error}",
}

KO = {
    "data.not_loaded": (
        "**패션 MNIST를 불러오지 못했습니다.** 다음 위치를 찾아보았습니다:\n\n{problems}\n\n"
        "**구하는 방법:** 데비안 패키지를 설치하거나(`sudo apt-get install dataset-fashion-mnist`), "
        "파일 네 개 {files}을(를) 한 폴더에 넣고 `FASHION_MNIST_DIR`에 그 폴더를 지정하거나, "
        "한 번 인터넷에 연결해 케라스가 `~/.keras/datasets/fashion-mnist`로 내려받게 하세요. "
        "그 전까지는 오프라인 8×8 손글씨 숫자 데이터셋을 쓸 수 있습니다. 아래 버튼을 누르면 바뀝니다."
    ),
    "data.no_folder": "`{path}`: 폴더가 없습니다.",
    "data.missing": "`{path}`: {files} 파일이 없습니다.",
    "data.unreadable": "`{path}`: 읽을 수 없습니다({error}).",
    "data.gzip": "`{path}`: gzip 데이터가 손상되었거나 중간에 잘렸습니다({error}).",
    "data.too_short": "`{path}`: {size}바이트뿐이라 IDX 헤더가 되기에는 너무 짧습니다.",
    "data.magic": (
        "`{path}`: IDX 파일이 아닙니다. 매직 넘버가 0x{magic}인데, 0x0000TTDD 형태여야 합니다 "
        "(TT = 자료형 코드 08–0E, DD = 차원 수)."
    ),
    "data.header_cut": "`{path}`: 헤더에는 차원이 {ndim}개라고 되어 있지만 파일이 {size}바이트에서 끝납니다.",
    "data.truncated": (
        "`{path}`: 파일이 잘렸습니다. 헤더에는 값이 {shape}개({expected:,}바이트)라고 되어 있지만 "
        "뒤따르는 데이터는 {found:,}바이트뿐입니다."
    ),
    "data.extra": (
        "`{path}`: 헤더가 알린 {shape}개의 값 뒤에 예상하지 못한 {extra:,}바이트가 더 있습니다 "
        "(헤더의 개수가 틀렸나요?)."
    ),
    "data.not_images": "`{path}`: 28×28 픽셀의 uint8 이미지여야 하는데, 모양이 {shape}인 {dtype} 값이 들어 있습니다.",
    "data.not_labels": "`{path}`: uint8 레이블 목록이어야 하는데, 모양이 {shape}인 {dtype} 값이 들어 있습니다.",
    "data.count_mismatch": "`{images}`에는 이미지가 {n_images:,}개인데 `{labels}`에는 레이블이 {n_labels:,}개입니다.",
    "data.bad_label": "`{path}`: 레이블 {label}이(가) 있습니다. 패션 MNIST의 클래스는 0–9입니다.",
    "data.too_few": (
        "`{path}`: 계층별 분할을 하려면 클래스마다 훈련 이미지가 두 개 이상 필요합니다. "
        "클래스별 개수: {counts}."
    ),
    "data.download_off": "이 서버에서는 내려받기가 꺼져 있습니다(`FASHION_MNIST_OFFLINE`).",
    "data.download_timeout": "케라스 다운로더가 끝나지 않았습니다({error}).",
    "data.download_failed": "케라스 다운로더가 실패했습니다(오프라인인가요?): {error}",
}
